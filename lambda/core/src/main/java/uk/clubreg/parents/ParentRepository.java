package uk.clubreg.parents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.clubreg.persistence.Jdbc;

/** The {@code parents} table: one row per WhatsApp number, with whether messages reach it. */
public final class ParentRepository {

    /** The select list {@link #read} maps, for queries that join {@code parents par}. */
    public static final String COLUMNS = """
            par.id AS parent_id, par.phone_e164, par.first_name AS parent_first_name,
            par.last_name AS parent_last_name, par.opted_out_at, par.unreachable_at, par.unreachable_reason,
            par.language AS parent_language""";

    private final Jdbc jdbc;

    public ParentRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the parent or updates the names given (names an earlier invitation gave are kept when this one has
     * none). The upsert locks the row until commit, so one parent's invitations run one after another.
     */
    public Parent upsert(String phone, String firstName, String lastName) {
        return jdbc.queryOne("""
                INSERT INTO parents AS par (phone_e164, first_name, last_name) VALUES (?, ?, ?)
                ON CONFLICT (phone_e164) DO UPDATE SET
                    first_name = COALESCE(EXCLUDED.first_name, par.first_name),
                    last_name = COALESCE(EXCLUDED.last_name, par.last_name),
                    updated_at = now()
                RETURNING\s""" + COLUMNS, ParentRepository::read, phone, firstName, lastName).orElseThrow();
    }

    /** A parent as an invitation names them; null names leave the stored ones. */
    public record Named(String phone, String firstName, String lastName) {}

    /**
     * {@link #upsert} for several parents in one statement, their rows locked in phone order, so two squads that
     * share parents wait for each other instead of deadlocking. One entry a phone.
     *
     * @return the parents by phone
     */
    public Map<String, Parent> upsertAll(Collection<Named> parents) {
        List<Parent> rows = jdbc.queryList("""
                INSERT INTO parents AS par (phone_e164, first_name, last_name)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ORDER BY 1
                ON CONFLICT (phone_e164) DO UPDATE SET
                    first_name = COALESCE(EXCLUDED.first_name, par.first_name),
                    last_name = COALESCE(EXCLUDED.last_name, par.last_name),
                    updated_at = now()
                RETURNING\s""" + COLUMNS, ParentRepository::read,
                Jdbc.array("text", parents.stream().map(Named::phone).toList()),
                Jdbc.array("text", parents.stream().map(Named::firstName).toList()),
                Jdbc.array("text", parents.stream().map(Named::lastName).toList()));
        return rows.stream().collect(Collectors.toMap(Parent::phone, parent -> parent));
    }

    public Optional<Parent> find(long parentId) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM parents par WHERE par.id = ?", ParentRepository::read,
                parentId);
    }

    public Optional<Parent> findByPhone(String phone) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM parents par WHERE par.phone_e164 = ?",
                ParentRepository::read, phone);
    }

    /** Every parent, oldest first (the local WhatsApp simulator lists them). */
    public List<Parent> all() {
        return jdbc.queryList("SELECT " + COLUMNS + " FROM parents par ORDER BY par.id", ParentRepository::read);
    }

    public boolean isOptedOut(long parentId) {
        return jdbc.queryOne("SELECT opted_out_at IS NOT NULL FROM parents WHERE id = ?", row -> row.getBoolean(1),
                parentId).orElse(false);
    }

    /** STOP keeps the first opt-out time; START clears it. */
    public void setOptedOut(long parentId, boolean optedOut) {
        jdbc.update(optedOut
                ? "UPDATE parents SET opted_out_at = coalesce(opted_out_at, now()), updated_at = now() WHERE id = ?"
                : "UPDATE parents SET opted_out_at = NULL, updated_at = now() WHERE id = ?", parentId);
    }

    /** WhatsApp cannot deliver to this number; the first time is kept. */
    public void markUnreachable(long parentId, String reason) {
        jdbc.update("""
                UPDATE parents SET unreachable_at = coalesce(unreachable_at, now()), unreachable_reason = ?,
                       updated_at = now()
                WHERE id = ?""", reason, parentId);
    }

    /** The parent wrote to us on WhatsApp, so WhatsApp reaches them. */
    public void clearUnreachable(long parentId) {
        jdbc.update("""
                UPDATE parents SET unreachable_at = NULL, unreachable_reason = NULL, updated_at = now()
                WHERE id = ? AND unreachable_at IS NOT NULL""", parentId);
    }

    /** The language the parent chose or confirmed (docs/decisions/0110-a-parent-s-language.md). */
    public void setLanguage(long parentId, String language) {
        jdbc.update("UPDATE parents SET language = ?, updated_at = now() WHERE id = ?", language, parentId);
    }

    /** Reads {@link #COLUMNS}. */
    public static Parent read(ResultSet row) throws SQLException {
        return new Parent(row.getLong("parent_id"), row.getString("phone_e164"), row.getString("parent_first_name"),
                row.getString("parent_last_name"), Jdbc.instant(row, "opted_out_at"),
                Jdbc.instant(row, "unreachable_at"), row.getString("unreachable_reason"),
                row.getString("parent_language"));
    }
}
