import { useState } from 'react';
import { CERTIFICATE_HEADERS } from '@kaowei/shared';
import { certificateImportApi } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { PageHeader } from '../../components/ui';
import {
  countsText,
  ImportJobSection,
  isRunning,
  ProvinceOnly,
  SheetUpload,
  TemplateButtons,
  useImportJob,
} from './ImportJobParts';

const INTRO =
  '导入毕业证书，供考生和用人单位在“证书查询”中核验。先检查文件，列出每一行的问题；文件无误后才能导入。按证书编号更新，重复导入同一文件不会改变数据。';

/** 证书导入 (province only): template, upload with its dry run, then the import of a file without bad rows. */
export function CertificateImportPage() {
  const { isProvince } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const { job, forget, upload, action, send, start } = useImportJob(
    certificateImportApi,
    isProvince ? certificateImportApi.list : null,
  );

  if (!isProvince) return <ProvinceOnly title="证书导入" />;

  return (
    <>
      <PageHeader title="证书导入">{INTRO}</PageHeader>
      <section className="card">
        <h2>1. 下载模板</h2>
        <p className="muted">
          列：{CERTIFICATE_HEADERS.join('、')}（毕业日期格式YYYY-MM-DD；专业须为该准考证的专业）。
        </p>
        <TemplateButtons
          run={action.run}
          templates={[
            ['下载Excel模板', () => certificateImportApi.template('xlsx')],
            ['下载CSV模板', () => certificateImportApi.template('csv')],
          ]}
        />
      </section>
      <section className="card import-box">
        <h2>2. 上传并检查</h2>
        <SheetUpload
          what="证书"
          name="certificateFile"
          onFile={(chosen) => {
            setFile(chosen);
            forget();
          }}
          canSend={!!file && !action.pending && !isRunning(job)}
          onSend={() => file && void send((onProgress) => certificateImportApi.upload({ file }, onProgress))}
          upload={upload}
          error={action.error}
        />
      </section>
      {job && (
        <ImportJobSection
          job={job}
          pending={action.pending}
          onStart={() => void start()}
          result={
            job.summary && (
              <ul>
                <li>证书：{countsText(job.summary.certificates)}</li>
              </ul>
            )
          }
        />
      )}
    </>
  );
}
