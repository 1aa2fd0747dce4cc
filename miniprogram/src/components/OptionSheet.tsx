import { Input, ScrollView, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import './OptionSheet.css';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  id: string;
  label: string;
  placeholder: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}

/** A choice from a possibly long list (专业, 县区): the field opens a searchable list, tap one to choose it. */
export function OptionSheet({ id, label, placeholder, options, value, onChange, disabled }: Props) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const chosen = options.find((o) => o.value === value);
  const shown = useMemo(() => {
    const text = search.trim();
    return text ? options.filter((o) => o.label.includes(text) || o.value.includes(text)) : options;
  }, [options, search]);
  return (
    <>
      <View className="field" id={id} onClick={() => !disabled && setOpen(true)}>
        <View className="field-label">{label}</View>
        <View className={`field-input ${chosen ? '' : 'option-placeholder'}`}>{chosen?.label ?? placeholder}</View>
        {!disabled && <View className="option-arrow">›</View>}
      </View>
      {open && (
        <View className="option-sheet" id={`${id}-sheet`}>
          <View className="option-sheet-head">
            <View className="option-sheet-title">{placeholder}</View>
            <View className="link" onClick={() => setOpen(false)}>
              取消
            </View>
          </View>
          <Input
            id={`${id}-search`}
            className="option-search"
            placeholder="输入名称或代码查找"
            value={search}
            onInput={(e) => setSearch(e.detail.value)}
          />
          <ScrollView scrollY className="option-list">
            {shown.length === 0 && <View className="hint option-empty">没有符合的选项</View>}
            {shown.map((o) => (
              <View
                key={o.value}
                className={`option-item ${o.value === value ? 'option-item-chosen' : ''}`}
                onClick={() => {
                  onChange(o.value);
                  setOpen(false);
                  setSearch('');
                }}
              >
                {o.label}
              </View>
            ))}
          </ScrollView>
        </View>
      )}
    </>
  );
}
