-- 责任倒查 (Art. 38) asks by person which meetings of a deciding organ minuted them, presiding or as a member
-- (GET /people/:personId/accountability): a member minuted against a decision that proves seriously wrong has their
-- responsibility reduced (Art. 38 para. 3), one minuted in favour shares it, though neither signed a step.
-- The people a minutes payload names, lower-cased as appointments are looked up (lower(person_id)).
CREATE FUNCTION "minuted_people"(payload JSONB) RETURNS TEXT[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(
    SELECT lower(m ->> 'id')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(payload -> 'members') = 'array' THEN payload -> 'members' ELSE '[]'::jsonb END) AS m
     WHERE jsonb_typeof(m) = 'object' AND jsonb_typeof(m -> 'id') = 'string'
    UNION
    SELECT lower(payload -> 'meeting' ->> 'presidingId')
     WHERE jsonb_typeof(payload -> 'meeting') = 'object' AND jsonb_typeof(payload -> 'meeting' -> 'presidingId') = 'string')
$$;
-- Partial and over an expression, which the Prisma schema cannot declare (test/db/schema-drift.spec.ts names it).
CREATE INDEX "decision_steps_minuted_people_idx" ON "decision_steps" USING gin ("minuted_people"(payload)) WHERE action = 'recordDiscussion';
