// Reading a request body with a size limit, for endpoints anyone on the internet can post to before they are
// authenticated (the signature is over the body, so the body must be read to check it).

/**
 * The body as UTF-8 text (as `request.text()` decodes it), or null when it is larger than `maxBytes`. A declared
 * Content-Length above the limit is refused before anything is read; otherwise reading stops at the first chunk that
 * passes the limit, so no more than `maxBytes` plus one chunk is ever held.
 *
 * A refused body is left unread rather than cancelled: on Node, cancelling the request stream destroys the socket
 * and the client would never see the answer. The caller answers with `Connection: close`, so the server drops the
 * connection, and the unread rest with it, once the answer is sent.
 */
export async function readTextWithin(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) return null;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
