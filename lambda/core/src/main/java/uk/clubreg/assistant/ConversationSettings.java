package uk.clubreg.assistant;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * The conversation's configuration, read once per composition root. {@code privacyNoticeUrl}: null when the club
 * has none configured.
 */
public record ConversationSettings(
        String assistantName, String clubName, String defaultPhoneRegion, List<String> kitSizes,
        int historyMessages, Duration holdingAfter, SensitiveDetails sensitiveDetails, String privacyNoticeUrl,
        String consentWordingVersion) {

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
                config.get(Setting.PRIVACY_NOTICE_URL).orElse(null), config.require(Setting.CONSENT_WORDING_VERSION));
    }
}
