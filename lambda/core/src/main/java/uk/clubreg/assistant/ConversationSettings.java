package uk.clubreg.assistant;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * The conversation's configuration, read once per composition root. {@code privacyNoticeUrl}: null when the club
 * has none configured; {@code languages}: the codes parents may choose, the club's default first, English always
 * among them (docs/decisions/0110-a-parent-s-language.md).
 */
public record ConversationSettings(
        String assistantName, String clubName, String defaultPhoneRegion, List<String> kitSizes,
        int historyMessages, Duration holdingAfter, SensitiveDetails sensitiveDetails, String privacyNoticeUrl,
        String consentWordingVersion, List<String> languages) {

    public ConversationSettings {
        languages = List.copyOf(languages);
    }

    /** The language of a parent who has not chosen one, and of invitations. */
    public String defaultLanguage() {
        return languages.getFirst();
    }

    /** The language to write in to a parent who chose {@code chosen} (null: none yet). */
    public String languageOf(String chosen) {
        return chosen != null && languages.contains(chosen) ? chosen : defaultLanguage();
    }

    /** LANGUAGES as codes: lower case, in order, once each, English added last when the club left it out. */
    public static List<String> languages(String setting) {
        List<String> codes = new ArrayList<>(Arrays.stream(setting.split(",")).map(String::trim)
                .map(code -> code.toLowerCase(Locale.ROOT)).filter(code -> !code.isEmpty()).distinct().toList());
        codes.stream().filter(code -> !code.matches("[a-z]{2,3}")).findFirst().ifPresent(code -> {
            throw new IllegalStateException("LANGUAGES must be ISO 639-1 codes such as pl, not " + code);
        });
        if (!codes.contains("en")) {
            codes.add("en");
        }
        return codes;
    }

    public static ConversationSettings from(Config config) {
        return new ConversationSettings(
                config.require(Setting.ASSISTANT_NAME),
                config.require(Setting.CLUB_NAME),
                config.require(Setting.DEFAULT_PHONE_REGION),
                Arrays.stream(config.require(Setting.KIT_SIZES).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList(),
                config.getInt(Setting.CONVERSATION_HISTORY_MESSAGES),
                Duration.ofSeconds(config.getInt(Setting.AI_HOLDING_AFTER_SECONDS)),
                SensitiveDetails.fromSetting(config.require(Setting.AI_SENSITIVE_DETAILS)),
                config.get(Setting.PRIVACY_NOTICE_URL).orElse(null), config.require(Setting.CONSENT_WORDING_VERSION),
                languages(config.require(Setting.LANGUAGES)));
    }
}
