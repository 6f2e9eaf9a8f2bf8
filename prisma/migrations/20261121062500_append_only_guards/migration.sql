-- The audit log is append-only and evidence is immutable: the database itself
-- refuses changes, so a bug or a stray query cannot rewrite history. (The
-- hash chain still detects edits made by someone who disables these.)
CREATE FUNCTION palisade_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% on "%" is not allowed: its rows are immutable', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION palisade_refuse_change();

CREATE TRIGGER "Evidence_immutable"
  BEFORE UPDATE ON "Evidence"
  FOR EACH ROW EXECUTE FUNCTION palisade_refuse_change();
