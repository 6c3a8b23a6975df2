package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.Reply;
import uk.clubreg.json.Json;
import uk.clubreg.players.Player;

class ConversationRepliesIT {

    private static final String PARENT = "+447700900123";
    private static final String REMINDER_SID = "HX55555555555555555555555555555555";

    private final MessagingHarness harness = new MessagingHarness();
    private long parent;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aReplyJustInsideTheWindowIsFreeFormText() {
        long conversation = conversationWithLastInbound(Duration.ofHours(24).minusSeconds(1));

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Was Seb registered last season?"));

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("Body", "Was Seb registered last season?").doesNotContainKey("ContentSid");
        });
        assertThat(kindOf("reply:1")).isEqualTo("freeform");
    }

    @Test
    void aReplyOverTwiliosLimitGoesAsSeveralMessagesInOrderEachUnderTheLimitAndARetrySendsNoneAgain() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));
        String text = "Here is what the club needs from you this season. ".repeat(80).strip();

        harness.messaging().replies().reply(conversation, "reply:long", Reply.text(text).withUsage(900, 400));
        harness.messaging().replies().reply(conversation, "reply:long", Reply.text(text).withUsage(900, 400));

        List<String> bodies = harness.twilio.sentForms().stream().map(form -> form.get("Body")).toList();
        assertThat(bodies).hasSizeGreaterThan(2).allSatisfy(body -> assertThat(body.length()).isLessThanOrEqualTo(1600));
        assertThat(String.join(" ", bodies)).isEqualTo(text);
        assertThat(harness.queryString("SELECT sum(input_tokens) || '/' || sum(output_tokens) FROM messages"
                + " WHERE direction = 'outbound'")).isEqualTo("900/400");
    }

    @Test
    void aReplyExactlyTwentyFourHoursAfterTheParentsLastMessageIsTheFollowUpTemplate() {
        long conversation = conversationWithLastInbound(Duration.ofHours(24));

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Was Seb registered last season?"));

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", MessagingHarness.FOLLOW_UP_SID).doesNotContainKey("Body");
            assertThat(form.get("ContentVariables")).isEqualTo("""
                    {"1":"Sam","2":"Seb","3":"Panthers","4":"U11","5":"2026-27","6":"40","7":"26.50",\
                    "8":"Alex Morgan","9":"07700 900456"}""");
        });
        assertThat(kindOf("reply:1")).isEqualTo("template");
    }

    @Test
    void aParentWhoHasNeverWrittenGetsATemplate() {
        long conversation = conversationWithLastInbound(null);

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Hello"));

        assertThat(harness.twilio.sentForms()).singleElement()
                .extracting(form -> form.get("ContentSid")).isEqualTo(MessagingHarness.FOLLOW_UP_SID);
    }

    @Test
    void withoutAFollowUpTemplateOutOfWindowRepliesUseTheExistingRegistrationTemplate() {
        long conversation = conversationWithLastInbound(Duration.ofDays(3));
        var config = harness.config(new java.util.HashMap<>(java.util.Collections.singletonMap(
                "TWILIO_FOLLOW_UP_CONTENT_SID", null)));

        harness.messaging(config).replies().reply(conversation, "reply:1", Reply.text("Hello"));

        assertThat(harness.twilio.sentForms()).singleElement()
                .extracting(form -> form.get("ContentSid")).isEqualTo(MessagingHarness.EXISTING_SID);
    }

    @Test
    void quickRepliesBecomeNumberedChoicesWhenNoQuickReplyTemplateIsConfigured() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));

        harness.messaging().replies().reply(conversation, "reply:1",
                Reply.withButtons("Was Seb registered last season?", List.of("Yes", "No")));

        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .isEqualTo("Was Seb registered last season?\n\n1. Yes\n2. No");
    }

    @Test
    void twoShortQuickRepliesUseTheQuickReplyTemplateWhenConfigured() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));
        var config = harness.config(Map.of("TWILIO_QUICK_REPLY_CONTENT_SID", MessagingHarness.QUICK_REPLY_SID));

        harness.messaging(config).replies().reply(conversation, "reply:1",
                Reply.withButtons("Was Seb registered last season?", List.of("Yes", "No")));

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", MessagingHarness.QUICK_REPLY_SID).doesNotContainKey("Body");
            assertThat(form.get("ContentVariables"))
                    .isEqualTo("{\"1\":\"Was Seb registered last season?\",\"2\":\"Yes\",\"3\":\"No\"}");
        });
    }

    @Test
    void quickRepliesThatDoNotFitTheTemplateAreNumberedInstead() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));
        var config = harness.config(Map.of("TWILIO_QUICK_REPLY_CONTENT_SID", MessagingHarness.QUICK_REPLY_SID));

        harness.messaging(config).replies().reply(conversation, "reply:1", Reply.withButtons("Which kit size?",
                List.of("Small", "Medium", "Large")));

        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .isEqualTo("Which kit size?\n\n1. Small\n2. Medium\n3. Large");
    }

    @Test
    void theSameReplyKeyIsSentOnce() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Thanks"));
        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Thanks"));

        assertThat(harness.twilio.sentForms()).hasSize(1);
    }

    @Test
    void theAiUsageOfTheTurnIsRecordedOnTheReply() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Thanks").withUsage(120, 30));

        assertThat(harness.queryString("SELECT input_tokens || '/' || output_tokens FROM messages"
                + " WHERE idempotency_key = 'reply:1'")).isEqualTo("120/30");
    }

    @Test
    void nothingIsSentToAParentWhoOptedOut() {
        long conversation = conversationWithLastInbound(Duration.ofMinutes(5));
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE id = ?", parent);

        harness.messaging().replies().reply(conversation, "reply:1", Reply.text("Thanks"));

        assertThat(harness.twilio.sentForms()).isEmpty();
        assertThat(harness.count("SELECT count(*) FROM messages")).isZero();
    }

    @Test
    void aReminderInsideTheWindowIsTheText() {
        long conversation = conversationWithLastInbound(Duration.ofHours(2));

        harness.messaging(harness.config(Map.of("TWILIO_REMINDER_CONTENT_SID", REMINDER_SID))).replies()
                .remind(conversation, "reminder:1", "Just a reminder about Seb.", children(conversation));

        assertThat(harness.twilio.sentForms()).singleElement()
                .satisfies(form -> assertThat(form).containsEntry("Body", "Just a reminder about Seb."));
    }

    @Test
    void aReminderOutsideTheWindowIsTheReminderTemplateNamingTheChildren() {
        long conversation = conversationWithLastInbound(null);
        harness.player(parent, conversation, "Mia");

        harness.messaging(harness.config(Map.of("TWILIO_REMINDER_CONTENT_SID", REMINDER_SID))).replies()
                .remind(conversation, "reminder:1", "unused outside the window", children(conversation));

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", REMINDER_SID).doesNotContainKey("Body");
            assertThat(Json.read(form.get("ContentVariables"))).isEqualTo(Json.read(
                    "{\"1\": \"Sam\", \"2\": \"Seb and Mia\", \"3\": \"2026-27\", \"4\": \"Urmston Town Juniors FC\"}"));
        });
    }

    @Test
    void withoutAReminderTemplateTheFollowUpTemplateStandsIn() {
        long conversation = conversationWithLastInbound(Duration.ofHours(25));

        harness.messaging().replies().remind(conversation, "reminder:1", "unused", children(conversation));

        assertThat(harness.twilio.sentForms()).singleElement()
                .satisfies(form -> assertThat(form).containsEntry("ContentSid", MessagingHarness.FOLLOW_UP_SID));
    }

    private List<Player> children(long conversation) {
        return harness.repositories.players().inConversation(conversation);
    }

    private long conversationWithLastInbound(Duration ago) {
        parent = harness.parent(PARENT, "Sam");
        long conversation = harness.conversation(parent, ago == null ? null : MessagingHarness.NOW.minus(ago));
        harness.player(parent, conversation, "Seb");
        return conversation;
    }

    private String kindOf(String key) {
        return harness.queryString("SELECT kind FROM messages WHERE idempotency_key = ?", key);
    }
}
