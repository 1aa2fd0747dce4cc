import { ANNOUNCEMENT_STATUS_LABELS, type AdminAnnouncementView } from '@kaowei/shared';
import { useState } from 'react';
import { announcementsApi, regionsApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { Badge, DataState, ErrorBanner, Modal, Notice, PageHeader } from '../../components/ui';
import { formatTime } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { AnnouncementForm } from './AnnouncementForm';

/**
 * 通知公告: what the office has published to candidates in its districts (the province to everyone, a city to
 * its city or counties, a county to itself), scheduled, published or withdrawn; publish, edit and withdraw.
 */
export function AnnouncementsPage() {
  const { official } = useAuth();
  const list = useLoad(() => announcementsApi.list(), []);
  const regions = useLoad(() => regionsApi.list(), []);
  const [editing, setEditing] = useState<AdminAnnouncementView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const withdraw = useAction();

  const withdrawOne = async (a: AdminAnnouncementView) => {
    if (!window.confirm(`撤回“${a.title}”？撤回后考生将看不到这条通知公告。`)) return;
    const done = await withdraw.run(() => announcementsApi.withdraw(a.id));
    if (done) {
      setNotice(`已撤回：${a.title}`);
      list.reload();
    }
  };

  return (
    <>
      <PageHeader title="通知公告">
        发布到全省、市（州）或县（市、区）的通知公告，考生在小程序“通知公告”中查看（本县区的排在前面）。可设定发布时间，到时自动显示；撤回后考生不再看到。
      </PageHeader>
      <Notice message={notice} />
      {official && regions.data && (
        <section className="card" aria-label="发布通知公告">
          <h2>发布通知公告</h2>
          <AnnouncementForm
            role={official.role}
            cities={regions.data.cities}
            initial={null}
            submitText="发布"
            onSave={async (values) => {
              const created = await announcementsApi.create(values);
              setNotice(
                created.status === 'scheduled'
                  ? `已保存，将于${formatTime(created.publishAt)}发布：${created.title}`
                  : `已发布：${created.title}`,
              );
              list.reload();
            }}
          />
        </section>
      )}
      <ErrorBanner message={withdraw.error} />
      <DataState state={list} isEmpty={(items) => items.length === 0} empty="暂无通知公告">
        {(items) => (
          <table className="table" aria-label="通知公告列表">
            <thead>
              <tr>
                <th>标题</th>
                <th>发布范围</th>
                <th>发布时间</th>
                <th>状态</th>
                <th>发布人</th>
                <th>操作</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-announcement={a.id}>
                  <td>{a.title}</td>
                  <td>{a.scopeName}</td>
                  <td>{formatTime(a.publishAt)}</td>
                  <td>
                    <Badge value={a.status} text={ANNOUNCEMENT_STATUS_LABELS[a.status]} />
                  </td>
                  <td>{a.authorName}</td>
                  <td>
                    {a.status !== 'withdrawn' && (
                      <>
                        <button type="button" className="link" onClick={() => setEditing(a)}>
                          编辑
                        </button>
                        <button
                          type="button"
                          className="link danger-text"
                          disabled={withdraw.pending}
                          onClick={() => void withdrawOne(a)}
                        >
                          撤回
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </DataState>
      {editing && official && (
        <Modal title="修改通知公告" onClose={() => setEditing(null)}>
          <AnnouncementForm
            role={official.role}
            cities={regions.data?.cities ?? []}
            initial={editing}
            submitText="保存修改"
            onSave={async (values) => {
              await announcementsApi.update(editing.id, {
                title: values.title,
                body: values.body,
                publishAt: values.publishAt,
              });
              setEditing(null);
              setNotice(`已修改：${values.title}`);
              list.reload();
            }}
          />
        </Modal>
      )}
    </>
  );
}
