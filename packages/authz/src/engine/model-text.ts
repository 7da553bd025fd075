/**
 * Isobar's authorisation model: RBAC with priorities, plus the site's limits.
 *
 * A request is (person, domain, operation); the domain is one owner's
 * workflow as its config layers see it. Subjects in policies are role
 * buckets: "the people one layer's rules say X about for this operation",
 * and g(person, bucket) holds when one of the person's subjects (themselves,
 * *, each role given by the role providers) is in the bucket.
 *
 * Each policy set holds one domain's lines for one operation (at most ten),
 * so that no decision scans lines about other workflows or operations.
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
r = sub, dom, act

[policy_definition]
p = priority, sub, dom, act, eft
p2 = sub, dom, act, eft

[role_definition]
g = _, _

[policy_effect]
e = priority(p.eft) || deny
e2 = some(where (p.eft == allow)) && !some(where (p.eft == deny))

[matchers]
m = g(r.sub, p.sub) && r.dom == p.dom && r.act == p.act
m2 = g(r.sub, p2.sub) && r.dom == p2.dom && r.act == p2.act
`;
