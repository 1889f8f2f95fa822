/** A GraphQL call to the Hearth gateway with an API key, as any third party makes it. */
export class HearthClient {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
  ) {}

  async call<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`${this.url} answered HTTP ${res.status}, not GraphQL: ${text.slice(0, 200)}`);
    }
    if (body.errors?.length || !body.data) {
      throw new Error(
        (body.errors ?? [{ message: `HTTP ${res.status} without data` }]).map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'),
      );
    }
    return body.data;
  }
}
