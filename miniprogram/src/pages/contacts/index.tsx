import type { CountyContactView } from '@kaowei/shared';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { PageState } from '../../components/PageState';
import { useLoadOnShow } from '../../components/useLoad';
import { OwnCountyBadge } from '../../notices/OwnCountyBadge';
import { request } from '../../services/request';
import '../../notices/notices.css';

/** 联系我们: each county (市、区) office's address, hotline and hours; the candidate's own county first. */
export default function ContactsPage() {
  const load = useCallback(() => request<CountyContactView[]>('/api/contacts'), []);
  const { state, reload } = useLoadOnShow(load);
  return (
    <View className="page contacts-page">
      <PageState
        state={state}
        onRetry={reload}
        isEmpty={(list) => list.length === 0}
        empty={<View className="page-state-message">暂无联系方式</View>}
      >
        {(list) =>
          list.map(({ countyId, cityName, countyName, contact, ownCounty }) => (
            <View className="card" key={countyId} id={`contact-${countyId}`}>
              <View className="notice-meta">
                <View className="card-title">{contact!.officeName}</View>
                <OwnCountyBadge show={ownCounty} />
              </View>
              <View className="hint">
                {cityName} {countyName}
              </View>
              <View className="contact-row">地址：{contact!.address}</View>
              <View
                className="contact-row link"
                onClick={() => void Taro.makePhoneCall({ phoneNumber: contact!.hotline }).catch(() => undefined)}
              >
                咨询电话：{contact!.hotline}
              </View>
              <View className="contact-row">办公时间：{contact!.hours}</View>
            </View>
          ))
        }
      </PageState>
    </View>
  );
}
