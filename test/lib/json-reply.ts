/** A reply's status and body: parsed JSON, or the text when it is not JSON. */
export async function jsonReply(res: Response): Promise<{ status: number; body: unknown }> {
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: res.status, body: text };
  }
}
