/**
 * Why an export job failed, as plain values (no zod): `meta.ts` builds the job's schema on them,
 * the server's jobs (server/exports/jobs.ts) set them and the web app words them for its reader.
 * The technical detail (a stack, a worker's exit code) is in the server's log only.
 *
 * - `server-closed`: the server stopped before the file was drawn;
 * - `worker-unavailable`: no worker thread could be started to draw it;
 * - `worker-stopped`: its worker ended without a file;
 * - `out-of-memory`: the file needed more memory than a worker has;
 * - `drawing-failed`: drawing the file failed.
 */
export const EXPORT_FAILURES = ['server-closed', 'worker-unavailable', 'worker-stopped', 'out-of-memory', 'drawing-failed'] as const;

export type ExportFailure = (typeof EXPORT_FAILURES)[number];
