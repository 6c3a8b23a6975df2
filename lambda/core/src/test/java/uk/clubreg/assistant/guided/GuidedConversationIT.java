package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.Transcript;
import uk.clubreg.assistant.Turn;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Job;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

class GuidedConversationIT {

    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;
    private RegistrationConversation engine;
    private final Transcript transcript = new Transcript();

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        replies = new RecordingReplies(database);
        engine = fixtures.engine(new GuidedResponder(fixtures.context()), replies,
                ConversationFixtures.SETTINGS, ConversationFixtures.CLOCK);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aParentCompletesARegistrationWithNoAi() {
        Family family = fixtures.family("+447700900201", null, "Seb");

        say(family, "Yes");
        say(family, "No");
        say(family, "14/03/2016");
        say(family, "none");
        say(family, "Jo Parent");
        say(family, "07700 900202");
        say(family, "Yes");
        Reply last = say(family, "7");
        transcript.write("guided");

        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("completed");
        assertThat(fixtures.player(family.playerId(), "stage")).isEqualTo("completed");
        assertThat(fixtures.player(family.playerId(), "is_returning_player")).isEqualTo("f");
        assertThat(fixtures.player(family.playerId(), "kit_size")).isEqualTo("M");
        assertThat(fixtures.player(family.playerId(), "emergency_contact_tel")).isEqualTo("+447700900202");
        assertThat(last.text()).contains("Seb's registration with Panthers for 2026-27 is complete");
    }

    @Test
    void theFirstReplyLinksThePrivacyNoticeAndWhatTheParentWritesNextIsRecordedAsTheirAcknowledgement() {
        engine = fixtures.engine(new GuidedResponder(fixtures.context()), replies,
                ConversationFixtures.WITH_PRIVACY_NOTICE, ConversationFixtures.CLOCK);
        Family family = fixtures.family("+447700900231", null, "Seb", "Mia");

        Reply first = say(family, "Hi");
        assertThat(first.text()).startsWith("How Urmston Town Juniors FC keeps and uses the details you give here: "
                + "https://club.example/privacy\n\n").contains("Would you like to register Seb");
        assertThat(fixtures.value("SELECT count(*) FROM consents")).isEqualTo("0");

        long yes = fixtures.inbound(family, "Yes", Instant.now().plusSeconds(5));
        engine.respond(family.conversationId());

        assertThat(replies.lastReplyTo(family.conversationId()).text()).doesNotContain("privacy");
        assertThat(fixtures.value("SELECT string_agg(player_id || ' ' || kind || ' ' || given || ' ' || "
                + "wording_version || ' ' || message_id, ', ' ORDER BY player_id) FROM consents"))
                .isEqualTo(family.playerIds().get(0) + " data_processing true 1 " + yes + ", "
                        + family.playerIds().get(1) + " data_processing true 1 " + yes);
        say(family, "Yes");
        assertThat(fixtures.value("SELECT count(*) FROM consents")).isEqualTo("2");
    }

    @Test
    void aFailureBetweenAGuidedAnswerAndItsTurnRecordLeavesNeitherSoTheRetryAppliesTheAnswerOnce() {
        Family family = fixtures.family("+447700900221", null, "Seb");
        // Fault injection: the first turn record written fails (a sequence is not rolled back with the transaction).
        fixtures.execute("CREATE SEQUENCE injected_turn_failures");
        fixtures.execute("""
                CREATE FUNCTION fail_first_turn() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF nextval('injected_turn_failures') = 1 THEN RAISE EXCEPTION 'injected failure'; END IF;
                    RETURN NEW;
                END $$""");
        fixtures.execute("CREATE TRIGGER fail_first_turn BEFORE INSERT ON conversation_turns"
                + " FOR EACH ROW EXECUTE FUNCTION fail_first_turn()");
        fixtures.inbound(family, "Yes");

        assertThatThrownBy(() -> engine.respond(family.conversationId())).rootCause()
                .hasMessageContaining("injected failure");
        engine.respond(family.conversationId());

        assertThat(fixtures.player(family.playerId(), "is_returning_player")).isNull();
        assertThat(fixtures.value("SELECT count(*) FROM conversation_turns")).isEqualTo("1");
        assertThat(replies.sent()).singleElement().satisfies(sent -> assertThat(sent.reply().text())
                .contains("Did Seb play for Urmston Town Juniors FC last season?"));
    }

    @Test
    void aVoiceNoteIsNeverReadAsAnAnswerTheParentIsAskedToTypeAndTheQuestionComesAgain() {
        Family family = fixtures.family("+447700900223", null, "Seb");
        fixtures.inboundMedia(family, "audio/ogg");

        engine.respond(family.conversationId());

        assertThat(replies.lastReplyTo(family.conversationId()).text())
                .startsWith("Thanks! I can only read typed messages here")
                .contains("please type your answer")
                .contains("Would you like to register Seb");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("pending");
    }

    @Test
    void threeMessagesWithinOneSecondGetExactlyOneReply() {
        Family family = fixtures.family("+447700900211", null, "Seb");
        GuidedResponder guided = new GuidedResponder(fixtures.context());
        // The parent's second and third messages arrive while the reply to the first is being decided.
        AtomicInteger decisions = new AtomicInteger();
        Responder arrivingMeanwhile = new Responder() {
            @Override public String engine() { return guided.engine(); }
            @Override public Reply respond(Turn turn) {
                Reply reply = guided.respond(turn);
                if (decisions.incrementAndGet() == 1) {
                    fixtures.inbound(family, "No");
                    fixtures.inbound(family, "14/03/2016");
                }
                return reply;
            }
        };
        RegistrationConversation folding = fixtures.engine(arrivingMeanwhile, replies, ConversationFixtures.SETTINGS,
                ConversationFixtures.CLOCK);
        fixtures.inbound(family, "Yes");

        folding.respond(family.conversationId());
        folding.respond(family.conversationId());
        folding.respond(family.conversationId());

        assertThat(replies.repliesTo(family.conversationId())).singleElement()
                .satisfies(reply -> assertThat(reply.text()).contains("medical"));
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
        assertThat(fixtures.player(family.playerId(), "is_returning_player")).isEqualTo("f");
        assertThat(fixtures.value("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'answered'"))
                .isEqualTo("3");
    }

    @Test
    void yesNoQuestionsCarryQuickReplyButtons() {
        Family family = fixtures.family("+447700900203", null, "Seb");

        Reply reply = say(family, "Yes please");

        assertThat(reply.text()).contains("Did Seb play for Urmston Town Juniors FC last season?");
        assertThat(reply.quickReplies()).containsExactly("Yes", "No");
    }

    @Test
    void aDateOfBirthOutsideTheAgeGroupIsAskedForAgain() {
        Family family = fixtures.family("+447700900204", null, "Seb");
        say(family, "yes");
        say(family, "yes");

        Reply reply = say(family, "01/01/2010");

        assertThat(reply.text()).contains("Sorry, I couldn't use that date of birth", "date of birth?");
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isNull();
    }

    @Test
    void aNumberedChoiceIsAcceptedWhenButtonsWereShownAsNumbers() {
        Family family = fixtures.family("+447700900214", null, "Seb");

        say(family, "1");
        say(family, "2");

        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("confirmed");
        assertThat(fixtures.player(family.playerId(), "is_returning_player")).isEqualTo("f");
    }

    @Test
    void aParentWhoSaysNoIsDeclinedAndThanked() {
        Family family = fixtures.family("+447700900205", null, "Seb");

        Reply reply = say(family, "No thanks");

        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("declined");
        assertThat(reply.text()).contains("won't be registering");
    }

    @Test
    void siblingsAreRegisteredOneAfterTheOtherInOneConversation() {
        Family family = fixtures.family("+447700900206", null, "Seb", "Mia");

        for (String answer : new String[] {"yes", "yes", "14/03/2016", "none", "Jo", "07700900207", "yes", "M"}) {
            say(family, answer);
        }
        Reply afterFirst = replies.lastReplyTo(family.conversationId());
        for (String answer : new String[] {"yes", "no", "2 June 2017", "asthma, has an inhaler", "Jo", "07700900207",
                "no", "8"}) {
            say(family, answer);
        }

        assertThat(afterFirst.text()).contains("Seb's registration", "Would you like to register Mia");
        assertThat(fixtures.player(family.playerIds().get(0), "stage")).isEqualTo("completed");
        assertThat(fixtures.player(family.playerIds().get(1), "stage")).isEqualTo("completed");
        assertThat(fixtures.player(family.playerIds().get(1), "medical_notes")).isEqualTo("asthma, has an inhaler");
        assertThat(fixtures.player(family.playerIds().get(1), "photo_consent")).isEqualTo("f");
    }

    @Test
    void aBurstThatFinishesOneChildGoesOnToTheNextChild() {
        Family family = fixtures.family("+447700900211", null, "Seb", "Mia");
        for (String answer : new String[] {"yes", "yes", "14/03/2016", "none", "Jo", "07700900207", "yes"}) {
            say(family, answer);
        }
        fixtures.inbound(family, "M");
        fixtures.inbound(family, "Yes");

        engine.respond(family.conversationId());

        assertThat(fixtures.player(family.playerIds().get(0), "stage")).isEqualTo("completed");
        assertThat(fixtures.player(family.playerIds().get(1), "stage")).isEqualTo("returning_player_check");
        assertThat(replies.lastReplyTo(family.conversationId()).text())
                .contains("Seb's registration", "Did Mia play for");
    }

    @Test
    void detailsCollectedBeforeGuidedModeTookOverCompleteTheRegistration() {
        Family family = fixtures.family("+447700900212", null, "Seb");
        fixtures.execute("UPDATE players SET registration_status = 'confirmed', stage = 'info_collection', "
                + "is_returning_player = true, date_of_birth = '2016-03-14', medical_notes = 'None', "
                + "emergency_contact_name = 'Jo', emergency_contact_tel = '+447700900213', photo_consent = true, "
                + "kit_size = 'M'");

        Reply reply = say(family, "Is that everything?");

        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("completed");
        assertThat(reply.text()).contains("Seb's registration", "is complete");
    }

    @Test
    void aReturningParentIsOfferedToCarryOnOrStartAgain() {
        Family family = fixtures.family("+447700900207", null, "Seb");
        say(family, "yes");
        say(family, "yes");
        say(family, "14/03/2016");
        fixtures.invitedAgain(family, family.playerId());

        Reply offer = say(family, "Hi, I got another message?");

        assertThat(offer.text()).contains("already started registering Seb");
        assertThat(offer.quickReplies()).containsExactly("Carry on", "Start again");
    }

    @Test
    void startingAgainClearsTheEarlierAnswers() {
        Family family = fixtures.family("+447700900208", null, "Seb");
        say(family, "yes");
        say(family, "yes");
        say(family, "14/03/2016");
        fixtures.invitedAgain(family, family.playerId());
        say(family, "Hi");

        Reply reply = say(family, "Start again");

        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isNull();
        assertThat(reply.text()).contains("start again", "Did Seb play for");
    }

    @Test
    void carryingOnAsksTheNextMissingDetail() {
        Family family = fixtures.family("+447700900209", null, "Seb");
        say(family, "yes");
        say(family, "yes");
        say(family, "14/03/2016");
        fixtures.invitedAgain(family, family.playerId());
        say(family, "Hi");

        Reply reply = say(family, "1");

        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
        assertThat(reply.text()).contains("carry on", "medical conditions");
    }

    @Test
    void askingForTheManagerHandsTheConversationOverAndTheAssistantGoesQuiet() {
        Family family = fixtures.family("+447700900210", "07700900998", "Seb");

        Reply handover = say(family, "Manager");
        long later = fixtures.inbound(family, "hello?");
        engine.respond(family.conversationId());

        assertThat(handover.text()).contains("team manager");
        assertThat(fixtures.published).singleElement().isInstanceOf(Job.HandOffNotice.class);
        assertThat(replies.repliesTo(family.conversationId())).hasSize(1);
        assertThat(fixtures.messageStatus(later)).isEqualTo("held");
    }

    @Test
    void aBareHelpIsAskedAboutFirstAndYesHandsTheConversationOver() {
        Family family = fixtures.family("+447700900215", "07700900998", "Seb");

        Reply question = say(family, "Help");
        int noticesAfterTheQuestion = fixtures.published.size();
        Reply handOver = say(family, "Yes");

        assertThat(question.text()).isEqualTo("Would you like the team manager to contact you?");
        assertThat(question.quickReplies()).containsExactly("Yes", "No");
        assertThat(noticesAfterTheQuestion).isZero();
        assertThat(handOver.text()).contains("asked the team manager to get in touch");
        assertThat(fixtures.published).singleElement().isInstanceOf(Job.HandOffNotice.class);
    }

    @Test
    void noToTheHelpQuestionGoesBackToTheRegistrationAndAnythingElseIsAnAnswer() {
        Family family = fixtures.family("+447700900216", null, "Seb");
        say(family, "help");

        Reply carryOn = say(family, "No");
        say(family, "help");
        Reply answered = say(family, "Yes please");

        assertThat(carryOn.text()).isEqualTo("No problem, let's carry on.\n\nWould you like to register Seb with "
                + "Panthers for the 2026-27 season?");
        assertThat(answered.text()).contains("asked the team manager");
        assertThat(fixtures.published).hasSize(1);
    }

    @Test
    void aFeeQuestionIsAnsweredFromTheInvitationAndTheQuestionAskedAgain() {
        Family family = fixtures.family("+447700900217", null, "Seb", "Mia");
        fixtures.execute("UPDATE players SET membership_fee_amount = 40, subscription_fee_amount = 26.5 "
                + "WHERE first_name = 'Seb'");
        say(family, "yes");
        say(family, "no");
        say(family, "14/03/2016");

        Reply fees = say(family, "What does it cost?");

        assertThat(fees.text()).isEqualTo("Seb's fees for the 2026-27 season with Panthers are £40 membership and "
                + "£26.50 subscription. The fees for the 2026-27 season with Panthers have not been set yet for Mia. "
                + "Your team manager, Sam Manager, will confirm any fee not set yet.\n\nDoes Seb have any medical "
                + "conditions or allergies the coaches should know about? Reply \"none\" if not.");
        assertThat(fixtures.player(family.playerId(), "medical_notes")).isNull();
        assertThat(fixtures.published).isEmpty();
    }

    @Test
    void startingAgainTouchesOnlyTheReinvitedChild() {
        Family family = fixtures.family("+447700900218", null, "Seb", "Mia");
        fixtures.execute("UPDATE players SET registration_status = 'confirmed', stage = 'info_collection', "
                + "is_returning_player = false, date_of_birth = '2016-03-14'");
        long mia = family.playerIds().get(1);
        fixtures.invitedAgain(family, mia);

        Reply offer = say(family, "Hi");
        say(family, "Start again");

        assertThat(offer.text()).contains("already started registering Mia.").doesNotContain("Seb");
        assertThat(fixtures.player(mia, "date_of_birth")).isNull();
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
    }

    @Test
    void aReturningPlayerIsRegisteredWithOneTapPlusTheMedicalAndConsentQuestions() {
        Family family = fixtures.family("+447700900219", null, "Seb");
        fixtures.completedLastSeason(family, family.playerId());
        say(family, "Yes");
        Reply stillRight = replies.lastReplyTo(family.conversationId());

        Reply medical = say(family, "Yes");
        Reply consent = say(family, "none");
        Reply done = say(family, "Yes");
        transcript.write("guided-returning-player");

        assertThat(stillRight.text()).isEqualTo("Great!\n\nWelcome back! Here is what we have for Seb from the 2025-26 "
                + "season:\nDate of birth: 14/03/2016\nEmergency contact: Jo Parent, +447700900299\nKit size: 9-10\n"
                + "Is this still right?");
        assertThat(stillRight.quickReplies()).containsExactly("Yes", "Change something");
        assertThat(medical.text()).contains("kept Seb's details from last season", "medical conditions");
        assertThat(consent.text()).contains("consent to the club taking and sharing photos");
        assertThat(done.text()).contains("Seb's registration with Panthers for 2026-27 is complete");
        assertThat(fixtures.value("SELECT date_of_birth || ' ' || emergency_contact_name || ' ' || "
                + "emergency_contact_tel || ' ' || kit_size || ' ' || medical_notes || ' ' || photo_consent || ' ' || "
                + "is_returning_player FROM players WHERE id = " + family.playerId()))
                .isEqualTo("2016-03-14 Jo Parent +447700900299 9-10 None true true");
    }

    @Test
    void changingSomethingAsksOnlyForWhatChanged() {
        Family family = fixtures.family("+447700900220", null, "Seb");
        fixtures.completedLastSeason(family, family.playerId());
        say(family, "Yes");

        Reply which = say(family, "Change something");
        Reply next = say(family, "3");
        say(family, "none");
        Reply kit = say(family, "No");
        say(family, "L");

        assertThat(which.text()).contains("Which details have changed?", "1. Date of birth", "3. Kit size");
        assertThat(next.text()).contains("kept the rest of Seb's details", "medical conditions");
        assertThat(kit.text()).contains("What kit size does Seb need?");
        assertThat(fixtures.player(family.playerId(), "kit_size")).isEqualTo("L");
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("completed");
    }

    private Reply say(Family family, String text) {
        transcript.parent(text);
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        Reply reply = replies.lastReplyTo(family.conversationId());
        transcript.assistant(reply);
        return reply;
    }
}
