import { applicationFormFields, formValueLabel, type CandidateApplicationKind } from '@kaowei/shared';
import { View } from '@tarojs/components';

/** A form read-only, field by field with its label (预览, 申请详情); boxes left empty are not listed. */
export function FormSummary({ kind, form }: { kind: CandidateApplicationKind; form: Record<string, unknown> }) {
  const fields = applicationFormFields(kind).filter((f) => form[f.key] !== undefined && form[f.key] !== '');
  if (fields.length === 0) return <View className="hint">无需填写表单</View>;
  return (
    <View className="app-summary">
      {fields.map((f) => (
        <View key={f.key} className="app-summary-row" id={`app-summary-${f.key}`}>
          <View className="app-summary-label">{f.label}</View>
          <View className="app-summary-value">
            {f.input === 'list'
              ? (form[f.key] as Record<string, unknown>[]).map((row, i) => (
                  <View key={i}>{f.fields!.map((c) => `${c.label} ${formValueLabel(c, row[c.key])}`).join('，')}</View>
                ))
              : formValueLabel(f, form[f.key])}
          </View>
        </View>
      ))}
    </View>
  );
}
