/** Why a download failed, in an editor's words, without the address (the caller names it). */
export class FetchError extends Error {
  override name = "FetchError";
}

export interface FetchRequest {
  timeoutSeconds: number;
  maxBytes: number;
  accept: string;
  /** What is being fetched, as a message names it: "the feed", "the picture". */
  what: string;
  /** The reason given when the response is over maxBytes. */
  tooBig: string;
}

/** The body of an http(s) URL, given up on when the server is too slow or sends too much. */
export async function fetchLimited(url: string, request: FetchRequest): Promise<Buffer> {
  const { timeoutSeconds, maxBytes } = request;
  const signal = AbortSignal.timeout(timeoutSeconds * 1000);
  const failed = (error: unknown) =>
    new FetchError(
      signal.aborted
        ? `the server did not send ${request.what} within ${timeoutSeconds} second${timeoutSeconds === 1 ? "" : "s"}; try again later`
        : (((error as Error).cause as Error | undefined)?.message ?? (error as Error).message),
    );
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: request.accept }, signal });
  } catch (error) {
    throw failed(error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(`the server answered ${response.status} ${response.statusText}`);
  }
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new FetchError(request.tooBig);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body?.cancel().catch(() => {});
        throw new FetchError(request.tooBig);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    throw error instanceof FetchError ? error : failed(error);
  }
  return Buffer.concat(chunks);
}
