/**
 * Isobar's authorisation model: priorities for the layers, plus the site's limits.
 *
 * Policies are kept per domain and operation: a policy set is one domain's
 * lines for one operation (the domain is one owner's workflow as its config
 * layers see it), and a request, (person), is asked of the set for the
 * workflow and operation in question. Lines name neither, so that every set
 * with the same buckets shares its lines (bucket-lines.ts), and a decision
 * scans at most ten lines, whatever the number of rules.
 *
 * Subjects in policies are buckets: "the people one layer's rules say X
 * about for this operation", and inBucket(person, bucket) holds when one of
 * the person's subjects (themselves, *, each role given by the role
 * providers) is in the bucket (bucket-membership.ts). It is a function the
 * enforcer registers rather than Casbin's g(): a person's roles come with
 * each request, never from the policy, so there is no role graph to walk,
 * and g() would cost a new memoising closure per decision and a string join
 * per line.
 *
 * p: the layers, first match wins (priority, lowest first):
 *    1 the owner; 10-12 the workflow's config; 20-22 the owner's config;
 *    30-32 the site's defaults. In each layer: negations (deny), then grants
 *    (allow), then "replaced by an empty or shorter list" (deny). Nothing
 *    matched: deny.
 * p2: the site's limits (checked with r, p2, e2, m2 unless the owner decided):
 *    allowed only if a limit covering the person includes the operation and
 *    none of them negates it (deny overrides).
 */
export const MODEL_TEXT = `
[request_definition]
r = sub

[policy_definition]
p = priority, sub, eft
p2 = sub, eft

[policy_effect]
e = priority(p.eft) || deny
e2 = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = inBucket(r.sub, p.sub)
m2 = inBucket(r.sub, p2.sub)
`;

/** The name the matchers call the membership test by. */
export const IN_BUCKET = 'inBucket';
