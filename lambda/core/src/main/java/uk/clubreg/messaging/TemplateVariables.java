package uk.clubreg.messaging;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Fees;
import uk.clubreg.players.Player;

/**
 * The invitation templates' numbered variables (docs/deploy.md lists them): 1 parent first name, 2 player first name, 3 team,
 * 4 age group, 5 season, 6 membership fee, 7 subscription fee, 8 manager name, 9 manager phone.
 *
 * <p>Twilio rejects an empty variable value (error 21656), so an absent optional field gets a fallback that still
 * reads well in the sentence (docs/decisions/0033-template-variable-fallbacks.md).
 */
public record TemplateVariables(
        String parentFirstName,
        String playerFirstName,
        String teamName,
        String ageGroup,
        String season,
        BigDecimal membershipFee,
        BigDecimal subscriptionFee,
        String managerName,
        String managerPhone) {

    static final String PARENT_FALLBACK = "there";
    static final String AGE_GROUP_FALLBACK = "(age group TBC)";
    static final String FEE_FALLBACK = "TBC";
    static final String MANAGER_NAME_FALLBACK = "your team manager";
    static final String MANAGER_PHONE_FALLBACK = "the club";

    /** The variables for this parent and player; a parent with no player yet gets the fallbacks. */
    public static TemplateVariables of(Parent parent, Optional<Player> player) {
        return new TemplateVariables(parent.firstName(), player.map(Player::firstName).orElse(null),
                player.map(Player::teamName).orElse(null), player.map(Player::ageGroup).orElse(null),
                player.map(Player::season).orElse(null), player.map(Player::membershipFee).orElse(null),
                player.map(Player::subscriptionFee).orElse(null), player.map(Player::managerFullName).orElse(null),
                player.map(Player::managerTel).orElse(null));
    }

    /** The Content API's {@code ContentVariables}: keys "1" to "9", in order, none empty. */
    public Map<String, String> asContentVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", orElse(parentFirstName, PARENT_FALLBACK));
        variables.put("2", orElse(playerFirstName, "your child"));
        variables.put("3", orElse(teamName, "the team"));
        variables.put("4", orElse(ageGroup, AGE_GROUP_FALLBACK));
        variables.put("5", orElse(season, "new"));
        variables.put("6", fee(membershipFee));
        variables.put("7", fee(subscriptionFee));
        variables.put("8", orElse(managerName, MANAGER_NAME_FALLBACK));
        variables.put("9", orElse(managerPhone, MANAGER_PHONE_FALLBACK));
        return variables;
    }

    /** The template writes the currency sign. */
    private static String fee(BigDecimal amount) {
        return amount == null ? FEE_FALLBACK : Fees.amount(amount);
    }

    static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
