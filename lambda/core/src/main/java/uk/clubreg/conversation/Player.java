package uk.clubreg.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/** A player as the conversation sees it: who, which team and season, where the registration is, what is known. */
public record Player(
        long id, String firstName, String lastName, String teamName, String ageGroup, String season,
        String managerFullName, String managerTel, RegistrationStatus status, Stage stage, Boolean returningPlayer,
        LocalDate dateOfBirth, String medicalNotes, String emergencyContactName, String emergencyContactTel,
        Boolean photoConsent, String kitSize) {

    static final String COLUMNS = """
            p.id, p.first_name, p.last_name, p.team_name, p.age_group, p.season, p.manager_full_name, p.manager_tel,
            p.registration_status, p.stage, p.is_returning_player, p.date_of_birth, p.medical_notes,
            p.emergency_contact_name, p.emergency_contact_tel, p.photo_consent, p.kit_size""";

    static Player from(ResultSet row) throws SQLException {
        return new Player(row.getLong("id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("team_name"), row.getString("age_group"), row.getString("season"),
                row.getString("manager_full_name"), row.getString("manager_tel"),
                RegistrationStatus.fromWireName(row.getString("registration_status")).orElseThrow(),
                Stage.fromWireName(row.getString("stage")), nullableBoolean(row, "is_returning_player"),
                row.getObject("date_of_birth", LocalDate.class), row.getString("medical_notes"),
                row.getString("emergency_contact_name"), row.getString("emergency_contact_tel"),
                nullableBoolean(row, "photo_consent"), row.getString("kit_size"));
    }

    private static Boolean nullableBoolean(ResultSet row, String column) throws SQLException {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }
}
