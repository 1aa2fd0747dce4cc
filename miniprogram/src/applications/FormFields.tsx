import type { ApplicationFormField } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { OptionSheet } from '../components/OptionSheet';
import { TextField } from '../components/TextField';
import type { FormInputs, FormRow } from './formValues';

interface FieldProps {
  id: string;
  field: ApplicationFormField;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
}

function Field({ id, field, value, onChange, problem }: FieldProps) {
  const box =
    field.input === 'choice' ? (
      <OptionSheet
        id={id}
        label={field.label}
        placeholder={`请选择${field.label}`}
        options={[...(field.empty === 'keep' ? [] : [{ value: '', label: '不填写' }]), ...(field.options ?? [])]}
        value={value}
        onChange={onChange}
      />
    ) : (
      <TextField
        id={id}
        label={field.label}
        value={value}
        type={field.input === 'number' ? 'number' : 'text'}
        maxlength={field.key === 'reason' || field.key === 'basis' ? 200 : 32}
        placeholder={field.empty === 'keep' ? `请填写${field.label}` : '不变更可不填'}
        onInput={onChange}
      />
    );
  return (
    <>
      {box}
      {problem && <View className="error-text app-field-problem">{problem}</View>}
    </>
  );
}

interface Props {
  fields: ApplicationFormField[];
  inputs: FormInputs;
  onChange: (inputs: FormInputs) => void;
  problems: Record<string, string>;
}

/** A kind's form, box by box from its shared schema's fields; a list (转入's courses) as rows to add and remove. */
export function FormFields({ fields, inputs, onChange, problems }: Props) {
  const set = (key: string, value: string | FormRow[]) => onChange({ ...inputs, [key]: value });
  return (
    <View className="app-form-fields">
      {fields.map((f) => {
        if (f.input !== 'list') {
          return (
            <Field
              key={f.key}
              id={`app-field-${f.key}`}
              field={f}
              value={typeof inputs[f.key] === 'string' ? (inputs[f.key] as string) : ''}
              onChange={(v) => set(f.key, v)}
              problem={problems[f.key]}
            />
          );
        }
        const rows = Array.isArray(inputs[f.key]) ? (inputs[f.key] as FormRow[]) : [];
        const setRow = (index: number, row: FormRow | null) =>
          set(f.key, row === null ? rows.filter((_, i) => i !== index) : rows.map((r, i) => (i === index ? row : r)));
        return (
          <View key={f.key} className="app-form-list" id={`app-field-${f.key}`}>
            <View className="field-label app-form-list-title">{f.label}</View>
            {rows.map((row, index) => (
              <View key={index} className="app-form-row">
                {f.fields!.map((c) => (
                  <Field
                    key={c.key}
                    id={`app-field-${f.key}-${index}-${c.key}`}
                    field={c}
                    value={row[c.key] ?? ''}
                    onChange={(v) => setRow(index, { ...row, [c.key]: v })}
                    problem={problems[`${f.key}.${index}.${c.key}`]}
                  />
                ))}
                <View className="link app-form-row-remove" onClick={() => setRow(index, null)}>
                  删除此行
                </View>
              </View>
            ))}
            <View className="link" onClick={() => set(f.key, [...rows, {}])}>
              + 添加一行
            </View>
            {problems[f.key] && <View className="error-text app-field-problem">{problems[f.key]}</View>}
          </View>
        );
      })}
    </View>
  );
}
