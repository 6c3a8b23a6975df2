package uk.clubreg.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;

class InvitationParserTest {

    private final InvitationParser parser =
            new InvitationParser(new InvitationDefaults("Urmston Town Juniors FC", "Unassigned", "2026-27", "GB"));

    @Test
    void aMinimalInvitationGetsTheConfiguredTeamAndSeason() {
        InvitationRequest request = valid("""
                {"player_first_name": " Sam ", "player_last_name": "Taylor", "parent_tel": "07700 900123"}""");

        assertThat(request.playerFirstName()).isEqualTo("Sam");
        assertThat(request.parentTel()).isEqualTo("+447700900123");
        assertThat(request.teamName()).isEqualTo("Unassigned");
        assertThat(request.season()).isEqualTo("2026-27");
    }

    @Test
    void theOlderFieldNamesForManagerAndSeasonAreAccepted() {
        InvitationRequest request = valid("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
                 "manager_full_name": "Jo Manager", "current_season": "2025-26"}""");

        assertThat(request.managerFullName()).isEqualTo("Jo Manager");
        assertThat(request.season()).isEqualTo("2025-26");
    }

    @Test
    void feesMayBeNumbersOrNumericStrings() {
        InvitationRequest request = valid("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
                 "membership_fee_amount": 40, "subscription_fee_amount": "26.5"}""");

        assertThat(request.membershipFee()).isEqualByComparingTo(new BigDecimal("40.00"));
        assertThat(request.subscriptionFee()).isEqualByComparingTo(new BigDecimal("26.50"));
    }

    @Test
    void everyMissingRequiredFieldIsNamed() {
        assertThat(errors("{}")).containsOnlyKeys("player_first_name", "player_last_name", "parent_tel")
                .containsValue("is required");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThat(errors("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123", "shoe": 5}"""))
                .containsEntry("shoe", "is not a field of an invitation");
    }

    @Test
    void aNameOverFiftyCharactersIsRefused() {
        assertThat(errors("""
                {"player_first_name": "%s", "player_last_name": "Taylor", "parent_tel": "07700 900123"}"""
                .formatted("S".repeat(51))))
                .containsEntry("player_first_name", "must be at most 50 characters");
    }

    @Test
    void aLandlineIsNotAParentsMobile() {
        assertThat(errors("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "0161 496 0000"}"""))
                .containsKey("parent_tel");
    }

    @Test
    void theSameFieldUnderBothNamesIsRefused() {
        assertThat(errors("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
                 "current_season": "2025-26", "current_registration_season": "2026-27"}"""))
                .containsKey("current_registration_season");
    }

    @Test
    void aNegativeOrOverPreciseFeeIsRefused() {
        assertThat(errors("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
                 "membership_fee_amount": -1, "subscription_fee_amount": "26.505"}"""))
                .containsKeys("membership_fee_amount", "subscription_fee_amount");
    }

    @Test
    void aNumberWhereTextIsExpectedIsRefused() {
        assertThat(errors("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": 7700900123}"""))
                .containsEntry("parent_tel", "must be a string");
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThat(errors("\"Sam Taylor\"")).containsKey("invitation");
    }

    private InvitationRequest valid(String json) {
        InvitationParser.Parsed parsed = parser.parse(Json.read(json));
        assertThat(parsed).isInstanceOf(InvitationParser.Valid.class);
        return ((InvitationParser.Valid) parsed).request();
    }

    private Map<String, String> errors(String json) {
        InvitationParser.Parsed parsed = parser.parse(Json.read(json));
        assertThat(parsed).isInstanceOf(InvitationParser.Invalid.class);
        return ((InvitationParser.Invalid) parsed).fieldErrors();
    }
}
