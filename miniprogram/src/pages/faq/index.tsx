import { FAQ_ITEMS } from '@kaowei/shared';
import { View } from '@tarojs/components';
import { useState } from 'react';
import '../../notices/notices.css';

/** 常见问题: candidates' questions on 准考证号, passwords, printing and booking; tap a question for its answer. */
export default function FaqPage() {
  const [open, setOpen] = useState<string | null>(FAQ_ITEMS[0]?.id ?? null);
  return (
    <View className="page faq-page">
      {FAQ_ITEMS.map((item) => (
        <View
          className="card"
          key={item.id}
          id={`faq-${item.id}`}
          onClick={() => setOpen(open === item.id ? null : item.id)}
        >
          <View className="faq-question">
            {open === item.id ? '▾' : '▸'} {item.question}
          </View>
          {open === item.id &&
            item.answer.map((paragraph, i) => (
              <View className="faq-answer" key={i}>
                {paragraph}
              </View>
            ))}
        </View>
      ))}
    </View>
  );
}
