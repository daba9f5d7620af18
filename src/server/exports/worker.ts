/**
 * The worker thread's side of an export job (jobs.ts): rebuilds the plan, evaluates it and draws
 * the PDF or the workbook, posting its progress as it goes, so that the server's event loop keeps
 * answering other requests while a 20,000-indicator annex is drawn. One job per worker; the
 * worker ends when the job is done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePlan } from '../../core/index.js';
import { renderReport } from '../../io/report/index.js';
import { fromWorker, type ExportRequest, type WorkerMessage } from './transfer.js';

const port = parentPort;
if (port === null) throw new Error('exports/worker.ts runs as a worker thread only');
const request = workerData as ExportRequest;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

try {
  const { plan, meta } = fromWorker(request);
  const evaluation = evaluatePlan(plan);
  const bytes = await renderReport(evaluation, request.format, { ...meta, onProgress: (done, total) => post({ kind: 'progress', done, total }) });
  // A copy that owns its whole buffer, moved (not cloned) to the server's thread.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  post({ kind: 'done', bytes: owned }, [owned.buffer as ArrayBuffer]);
} catch (error) {
  post({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
