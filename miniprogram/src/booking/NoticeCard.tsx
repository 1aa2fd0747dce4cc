import { Button, Checkbox, CheckboxGroup, Label, View } from '@tarojs/components';
import { useState } from 'react';

interface Props {
  notice: string;
  onAcknowledge: () => Promise<void>;
  /** 报考须知 unless told (业务办理's 办理须知). */
  title?: string;
  /** What the tick says, e.g. 我已阅读并知晓免考相关要求及流程 (seed 003). */
  ackLabel?: string;
}

/** 报考须知: read, tick 我已阅读并知晓, then 下一步 (seed 004); 业务办理's 须知 the same way. */
export function NoticeCard({ notice, onAcknowledge, title = '报考须知', ackLabel = '我已阅读并知晓' }: Props) {
  const [ticked, setTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <View className="card notice-card">
      <View className="card-title">{title}</View>
      <View className="notice-text">{notice}</View>
      <CheckboxGroup onChange={(e) => setTicked((e.detail.value as string[]).includes('ack'))}>
        <Label className="notice-ack" id="notice-ack">
          <Checkbox value="ack" checked={ticked} />
          {ackLabel}
        </Label>
      </CheckboxGroup>
      <Button
        id="notice-next"
        className="btn-primary"
        disabled={!ticked || busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onAcknowledge();
          } catch {
            // The request module already showed why.
          } finally {
            setBusy(false);
          }
        }}
      >
        下一步
      </Button>
    </View>
  );
}
