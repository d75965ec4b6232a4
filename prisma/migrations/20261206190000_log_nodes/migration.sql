-- The log's Merkle tree (RFC 6962) was held whole in each process's memory, read from every leaf the first time a
-- process needed a proof: about 64 bytes a leaf, some 2.5 GB a year and minutes of reading for a single national
-- deployment (40 million entries a year), in every API and worker process. Its complete subtrees are kept here instead,
-- a node a row (the subtree of 2^height leaves at idx), written by a trigger as each leaf is appended (whatever
-- statement appends it), so a root or a proof reads the few nodes it needs. Level 0 is log_leaves itself.
-- A node is written only over leaves and nodes that are there: above a leaf removed behind the system's back there is
-- none, and no root or proof reaches past it (as the tree in memory stopped at the gap).
LOCK TABLE "log_leaves" IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE "log_nodes" (
  "height" INTEGER NOT NULL,
  "idx" BIGINT NOT NULL,
  "hash" BYTEA NOT NULL,
  CONSTRAINT "log_nodes_pkey" PRIMARY KEY ("height", "idx")
);

-- As the table's owner (SECURITY DEFINER): the application's roles append leaves and read nodes, and write none. Its
-- own path, the caller's temporary schema last (as decision_year_figures_step's, 20261206180000).
CREATE FUNCTION "log_nodes_over_leaf"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  h INTEGER := 0;
  j BIGINT := NEW."idx";
  node BYTEA;
  lft BYTEA;
BEGIN
  -- A leaf's hash is 64 hex digits; one that is not (altered behind the system's back) is no node's, and never stops an append.
  IF NEW."leaf_hash" !~ '^[0-9a-f]{64}$' THEN RETURN NULL; END IF;
  node := decode(NEW."leaf_hash", 'hex');
  -- The leaf completes the subtrees it is the last leaf of: one a level while its index there is odd.
  WHILE j % 2 = 1 LOOP
    IF h = 0 THEN
      SELECT decode("leaf_hash", 'hex') INTO lft FROM "log_leaves" WHERE "idx" = j - 1 AND "leaf_hash" ~ '^[0-9a-f]{64}$';
    ELSE
      SELECT "hash" INTO lft FROM "log_nodes" WHERE "height" = h AND "idx" = j - 1;
    END IF;
    IF lft IS NULL THEN RETURN NULL; END IF;
    node := sha256('\x01'::bytea || lft || node);
    h := h + 1;
    j := j / 2;
    INSERT INTO "log_nodes" ("height", "idx", "hash") VALUES (h, j, node) ON CONFLICT DO NOTHING;
  END LOOP;
  RETURN NULL;
END;
$$;
REVOKE ALL ON FUNCTION "log_nodes_over_leaf"() FROM PUBLIC;

CREATE TRIGGER "log_nodes_over_leaf" AFTER INSERT ON "log_leaves"
  FOR EACH ROW EXECUTE FUNCTION "log_nodes_over_leaf"();

-- The nodes over the leaves logged so far, a level at a time (the leaves are locked against appends meanwhile).
DO $$
DECLARE
  h INTEGER := 1;
  written BIGINT;
BEGIN
  INSERT INTO "log_nodes" ("height", "idx", "hash")
  SELECT 1, l."idx" / 2, sha256('\x01'::bytea || decode(l."leaf_hash", 'hex') || decode(r."leaf_hash", 'hex'))
    FROM "log_leaves" l JOIN "log_leaves" r ON r."idx" = l."idx" + 1
   WHERE l."idx" % 2 = 0 AND l."leaf_hash" ~ '^[0-9a-f]{64}$' AND r."leaf_hash" ~ '^[0-9a-f]{64}$';
  LOOP
    INSERT INTO "log_nodes" ("height", "idx", "hash")
    SELECT h + 1, l."idx" / 2, sha256('\x01'::bytea || l."hash" || r."hash")
      FROM "log_nodes" l JOIN "log_nodes" r ON r."height" = h AND r."idx" = l."idx" + 1
     WHERE l."height" = h AND l."idx" % 2 = 0;
    GET DIAGNOSTICS written = ROW_COUNT;
    EXIT WHEN written = 0;
    h := h + 1;
  END LOOP;
END;
$$;

-- Append-only, as the leaves are.
CREATE TRIGGER "log_nodes_append_only" BEFORE UPDATE OR DELETE ON "log_nodes"
  FOR EACH ROW EXECUTE FUNCTION "refuse_record_change"();
CREATE TRIGGER "log_nodes_no_truncate" BEFORE TRUNCATE ON "log_nodes"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_record_change"();
REVOKE ALL ON "log_nodes" FROM PUBLIC;
GRANT SELECT ON "log_nodes" TO decision_app;
