import { z } from 'zod';

export const noticeAcknowledgementBody = z.object({
  periodId: z.number({ error: '请选择考次' }).int().positive(),
});
