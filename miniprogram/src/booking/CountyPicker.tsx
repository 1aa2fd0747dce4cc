import { Picker, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { City } from './bookingApi';

interface Props {
  cities: City[];
  countyId: number | null;
  /** Seats already held fix the county for the whole period (rule 3). */
  locked: boolean;
  /** `null` when a new city makes the chosen county stale. */
  onChange: (countyId: number | null) => void;
}

/** 市（州） then 县（市、区）, where every course of the period is sat. */
export function CountyPicker({ cities, countyId, locked, onChange }: Props) {
  const cityOfCounty = cities.find((c) => c.counties.some((county) => county.countyId === countyId));
  const [cityId, setCityId] = useState<number | null>(cityOfCounty?.cityId ?? null);
  useEffect(() => {
    if (cityOfCounty) setCityId(cityOfCounty.cityId);
  }, [cityOfCounty]);
  const city = cities.find((c) => c.cityId === cityId);
  const county = city?.counties.find((c) => c.countyId === countyId);

  if (locked && city && county) {
    return (
      <View className="card">
        <View className="card-title">考区</View>
        <View className="field">
          <View className="field-label">县（市、区）</View>
          <View id="county-locked">
            {city.name} {county.name}
          </View>
        </View>
        <View className="hint">已保存考位，本次考试的全部课程须在同一县（市、区）考试。</View>
      </View>
    );
  }
  return (
    <View className="card">
      <View className="card-title">选择考区</View>
      <Picker
        mode="selector"
        range={cities.map((c) => c.name)}
        value={Math.max(
          0,
          cities.findIndex((c) => c.cityId === cityId),
        )}
        onChange={(e) => {
          const picked = cities[Number(e.detail.value)];
          if (!picked || picked.cityId === cityId) return;
          setCityId(picked.cityId);
          onChange(null);
        }}
      >
        <View className="field picker-field" id="city-picker">
          <View className="field-label">市（州）</View>
          <View className={city ? 'field-input' : 'field-input placeholder'}>{city?.name ?? '请选择市（州）'}</View>
          <View className="picker-arrow">›</View>
        </View>
      </Picker>
      <Picker
        mode="selector"
        range={(city?.counties ?? []).map((c) => c.name)}
        value={Math.max(
          0,
          (city?.counties ?? []).findIndex((c) => c.countyId === countyId),
        )}
        disabled={!city}
        onChange={(e) => {
          const picked = city?.counties[Number(e.detail.value)];
          if (picked) onChange(picked.countyId);
        }}
      >
        <View className="field picker-field" id="county-picker">
          <View className="field-label">县（市、区）</View>
          <View className={county ? 'field-input' : 'field-input placeholder'}>
            {county?.name ?? (city ? '请选择县（市、区）' : '请先选择市（州）')}
          </View>
          <View className="picker-arrow">›</View>
        </View>
      </Picker>
    </View>
  );
}
