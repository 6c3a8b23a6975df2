package uk.clubreg.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.persistence.Database;
import uk.clubreg.players.InvitationKind;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;

class InvitationServiceIT {

    private Database database;
    private TestQueue queue;
    private InvitationService service;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        queue = TestQueue.start();
        service = serviceUsing(queue);
    }

    @AfterEach
    void stop() {
        database.close();
        queue.close();
    }

    @Test
    void aNewInvitationIsStoredAndItsSendJobQueuedForTheParent() {
        InvitationResult result = service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");

        assertThat(result.created()).isTrue();
        assertThat(result.invitation().kind()).isEqualTo(InvitationKind.NEW);
        assertThat(result.invitation().status()).isEqualTo(RegistrationStatus.PENDING);
        List<Message> messages = queue.drain();
        assertThat(messages).hasSize(1);
        Job job = JobCodec.read(messages.getFirst().body(), "g", "d");
        assertThat(job).isInstanceOfSatisfying(Job.SendInvitation.class,
                send -> assertThat(send.invitationId()).isEqualTo(result.invitation().id()));
        assertThat(messages.getFirst().attributesAsStrings())
                .containsEntry("MessageGroupId", "+447700900123")
                .containsEntry("MessageDeduplicationId", "invitation:" + result.invitation().id());
    }

    @Test
    void invitingTheSameChildAgainReturnsTheFirstInvitationAndQueuesNothingNew() {
        InvitationResult first = service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        queue.drain();

        InvitationResult again = service.invite(request("SAM", "taylor", "+447700900123"), "req-2");

        assertThat(again.created()).isFalse();
        assertThat(again.invitation().id()).isEqualTo(first.invitation().id());
        assertThat(again.invitation().playerId()).isEqualTo(first.invitation().playerId());
        assertThat(RowCounts.of(database)).containsEntry("players", 1L).containsEntry("outbox", 1L);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aSiblingInvitedBeforeTheParentRepliesJoinsTheSameConversationAsANewInvitation() {
        service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");

        InvitationResult sibling = service.invite(request("Ria", "Taylor", "+447700900123"), "req-2");

        assertThat(sibling.created()).isTrue();
        assertThat(sibling.invitation().kind()).isEqualTo(InvitationKind.NEW);
        assertThat(RowCounts.of(database)).containsEntry("parents", 1L).containsEntry("conversations", 1L)
                .containsEntry("players", 2L);
        assertThat(RowCounts.count(database, "SELECT count(DISTINCT conversation_id) FROM players")).isEqualTo(1);
    }

    @Test
    void aSiblingInvitedAfterTheParentRepliedGetsTheFullInvitation() {
        service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        parentReplied();
        queue.drain();

        InvitationResult sibling = service.invite(request("Ria", "Taylor", "+447700900123"), "req-2");

        assertThat(sibling.created()).isTrue();
        assertThat(sibling.invitation().kind()).isEqualTo(InvitationKind.NEW);
        assertThat(sentJobs()).singleElement().satisfies(job -> assertThat(job.round()).isZero());
    }

    @Test
    void reinvitingAPlayerWhoseRegistrationIsUnderWaySendsTheExistingRegistrationTemplateOnceUntilAnswered() {
        InvitationResult first = service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        parentReplied();
        queue.drain();

        InvitationResult again = service.invite(request("Sam", "Taylor", "+447700900123"), "req-2");
        InvitationResult retried = service.invite(request("Sam", "Taylor", "+447700900123"), "req-3");

        assertThat(again.reinvited()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.invitation().kind()).isEqualTo(InvitationKind.EXISTING);
        assertThat(again.invitation().id()).isEqualTo(first.invitation().id());
        assertThat(retried.reinvited()).isFalse();
        assertThat(sentJobs()).singleElement().satisfies(job -> assertThat(job.round()).isEqualTo(1));

        update("UPDATE invitations SET earlier_attempt_answered_at = now()");
        assertThat(service.invite(request("Sam", "Taylor", "+447700900123"), "req-4").reinvited()).isTrue();
        assertThat(sentJobs()).singleElement().satisfies(job -> assertThat(job.round()).isEqualTo(2));
    }

    @Test
    void reinvitingAPlayerWhoseParentHasNotRepliedOrWhoIsCompleteSendsNothing() {
        service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        queue.drain();

        InvitationResult notReplied = service.invite(request("Sam", "Taylor", "+447700900123"), "req-2");
        parentReplied();
        update("UPDATE players SET registration_status = 'completed', stage = 'completed'");
        InvitationResult completed = service.invite(request("Sam", "Taylor", "+447700900123"), "req-3");

        assertThat(notReplied.reinvited()).isFalse();
        assertThat(completed.reinvited()).isFalse();
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void anInvitationForTheNextSeasonArchivesLastSeasonsConversationAndOpensAnother() {
        service.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        service.invite(request("Ria", "Taylor", "+447700900123"), "req-2");
        parentReplied();
        update("UPDATE players SET registration_status = 'completed', stage = 'completed' WHERE first_name = 'Sam'");
        queue.drain();

        InvitationResult nextSeason = service.invite(new InvitationRequest("Sam", "Taylor", "+447700900123", null,
                null, "U12 Panthers", "U12", null, null, "2027-28", null, null), "req-3");

        assertThat(nextSeason.created()).isTrue();
        assertThat(nextSeason.invitation().kind()).isEqualTo(InvitationKind.NEW);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM conversations WHERE state = 'archived'"
                + " AND season = '2026-27'")).isEqualTo(1);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM conversations WHERE state = 'active'"
                + " AND season = '2027-28' AND last_inbound_at IS NULL")).isEqualTo(1);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM players WHERE first_name = 'Ria'"
                + " AND stage = 'archived'")).isEqualTo(1);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM players WHERE first_name = 'Sam'"
                + " AND stage = 'completed'")).isEqualTo(1);
        long lastSeason = RowCounts.count(database, "SELECT id FROM players WHERE season = '2026-27'"
                + " AND first_name = 'Sam'");
        assertThat(RowCounts.count(database, "SELECT previous_player_id FROM players WHERE season = '2027-28'"))
                .isEqualTo(lastSeason);
    }

    @Test
    void aChangeOfCurrentSeasonArchivesTheConversationsOfEarlierSeasons() {
        service.invite(new InvitationRequest("Sam", "Taylor", "+447700900123", null, null, "U11 Panthers", "U11",
                null, null, "2025-26", null, null), "req-1");
        service.invite(request("Ava", "Jones", "+447700900124"), "req-2");
        Repositories repositories = Repositories.of(database);

        int archived = new SeasonRollover(database, repositories.conversations(), repositories.players(), "2026-27")
                .archiveEarlierSeasons();

        assertThat(archived).isEqualTo(1);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM conversations WHERE state = 'active'"))
                .isEqualTo(1);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM players WHERE first_name = 'Sam'"
                + " AND stage = 'archived'")).isEqualTo(1);
    }

    @Test
    void aParentsNamesAreKeptWhenALaterInvitationLeavesThemOut() {
        service.invite(new InvitationRequest("Sam", "Taylor", "+447700900123", "Alex", "Taylor", "U11 Panthers",
                null, null, null, "2026-27", null, null), "req-1");

        InvitationResult sibling = service.invite(request("Ria", "Taylor", "+447700900123"), "req-2");

        assertThat(sibling.invitation().parent().firstName()).isEqualTo("Alex");
    }

    @Test
    void twentyFiveConcurrentInvitationsOfDifferentPlayersAreEachStoredOnce() throws Exception {
        List<Callable<InvitationResult>> invitations = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Five parents with five children each: the same parent is invited from several threads at once.
            InvitationRequest request = request("Child" + i, "Family" + (i % 5), "+4477009001%02d".formatted(i % 5));
            invitations.add(() -> service.invite(request, "bulk"));
        }

        List<InvitationResult> results = runAtOnce(invitations);

        assertThat(results).allMatch(InvitationResult::created);
        assertThat(RowCounts.of(database)).containsEntry("parents", 5L).containsEntry("conversations", 5L)
                .containsEntry("players", 25L).containsEntry("invitations", 25L).containsEntry("outbox", 25L);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
    }

    @Test
    void twentyFiveConcurrentCopiesOfOneInvitationAreStoredOnce() throws Exception {
        List<Callable<InvitationResult>> copies = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            copies.add(() -> service.invite(request("Sam", "Taylor", "+447700900123"), "copy"));
        }

        List<InvitationResult> results = runAtOnce(copies);

        assertThat(results).filteredOn(InvitationResult::created).hasSize(1);
        assertThat(results).extracting(r -> r.invitation().id()).containsOnly(results.getFirst().invitation().id());
        assertThat(RowCounts.of(database)).containsEntry("players", 1L).containsEntry("invitations", 1L)
                .containsEntry("outbox", 1L).containsEntry("conversations", 1L);
    }

    @Test
    void anInvitationAcceptedWhileTheQueueIsDownIsDeliveredOnceTheQueueIsBack() {
        TestQueue down = TestQueue.unreachable();
        InvitationService duringOutage = serviceUsing(down);

        InvitationResult accepted = duringOutage.invite(request("Sam", "Taylor", "+447700900123"), "req-1");

        assertThat(accepted.created()).isTrue();
        assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isEqualTo(1);
        int swept = Repositories.of(database).relay(queue.jobQueue()).sweep(Duration.ZERO, 100);
        assertThat(swept).isEqualTo(1);
        List<Message> delivered = queue.drain();
        assertThat(delivered).hasSize(1);
        assertThat(((Job.SendInvitation) JobCodec.read(delivered.getFirst().body(), "g", "d")).invitationId())
                .isEqualTo(accepted.invitation().id());
        assertThat(Repositories.of(database).relay(queue.jobQueue()).sweep(Duration.ZERO, 100)).isZero();
    }

    @Test
    void aSquadIsStoredInOneGoAndItsJobsQueuedInTheOrderGiven() {
        List<InvitationRequest> squad = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            squad.add(request("Player" + i, "Squad", "+4477009001%02d".formatted(i % 20)));
        }
        squad.add(request("Player3", "Squad", "+447700900103"));

        List<InvitationResult> results = service.inviteAll(squad, "req-bulk");

        assertThat(results).hasSize(26);
        assertThat(results.subList(0, 25)).allMatch(InvitationResult::created);
        assertThat(results.get(25).created()).isFalse();
        assertThat(results.get(25).invitation().id()).isEqualTo(results.get(3).invitation().id());
        assertThat(results.get(7).invitation().player().firstName()).isEqualTo("Player7");
        assertThat(RowCounts.of(database)).containsEntry("players", 25L).containsEntry("outbox", 25L)
                .containsEntry("parents", 20L);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
        List<Long> queued = new ArrayList<>();
        for (List<Message> batch = queue.drain(); !batch.isEmpty(); batch = queue.drain()) {
            batch.forEach(m -> queued.add(((Job.SendInvitation) JobCodec.read(m.body(), "g", "d")).invitationId()));
        }
        assertThat(queued).containsExactlyInAnyOrderElementsOf(
                results.subList(0, 25).stream().map(r -> r.invitation().id()).toList());
    }

    @Test
    void aSquadTheDatabaseRefusesPartOfIsNotWrittenAtAll() {
        List<InvitationRequest> squad = List.of(request("Sam", "Taylor", "+447700900123"),
                new InvitationRequest("Ria", "Taylor", "+447700900124", null, null, "T".repeat(51), "U11", null,
                        null, "2026-27", null, null));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.inviteAll(squad, "req-bulk"))
                .isInstanceOf(RuntimeException.class);

        assertThat(RowCounts.of(database)).containsEntry("players", 0L).containsEntry("outbox", 0L);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aSquadAcceptedWhileTheQueueIsDownIsDeliveredOnceTheQueueIsBack() {
        InvitationService duringOutage = serviceUsing(TestQueue.unreachable());

        List<InvitationResult> accepted = duringOutage.inviteAll(List.of(request("Sam", "Taylor", "+447700900123"),
                request("Ria", "Taylor", "+447700900123"), request("Jo", "Smith", "+447700900124")), "req-bulk");

        assertThat(accepted).allMatch(InvitationResult::created);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isEqualTo(3);
        assertThat(Repositories.of(database).relay(queue.jobQueue()).sweep(Duration.ZERO, 100)).isEqualTo(3);
        assertThat(queue.drain()).hasSize(3);
    }

    @Test
    void aSquadWithoutRepeatsEndsAsTheSameInvitationsMadeOneAtATime() {
        List<InvitationRequest> squad = List.of(request("Mia", "Brown", "+447700900125"),
                request("Sam", "Taylor", "+447700900123"), request("Ava", "Jones", "+447700900124"),
                new InvitationRequest("Kai", "Green", "+447700900126", "Pat", null, "U11 Panthers", "U11", null, null,
                        "2026-27", new BigDecimal("40"), null),
                request("Zoe", "Green", "+447700900126"), request("Ria", "Taylor", "+447700900123"),
                request("Leo", "Brown", "+447700900125"));
        assertThat(InvitationService.independent(squad)).isTrue();
        Database oneByOne = TestPostgres.freshDatabase();
        try {
            InvitationService oneAtATime = Invitations.service(Repositories.of(oneByOne), queue.jobQueue());
            earlierInvitations(service, database);
            earlierInvitations(oneAtATime, oneByOne);

            List<InvitationResult> together = service.inviteAll(squad, "req-bulk");
            List<InvitationResult> apart = squad.stream().map(request -> oneAtATime.invite(request, "req-one")).toList();

            assertThat(described(together, database)).containsExactlyElementsOf(described(apart, oneByOne))
                    .contains("Sam reinvited existing by ?", "Ava created new by ?", "Kai created new by Pat",
                            "Zoe created new by Pat", "Leo already new by ?");
            assertThat(stored(database)).isEqualTo(stored(oneByOne)).anyMatch(row -> row.startsWith(
                    "+447700900124 Ava 2026-27 initial_contact 2026-27 active returning"));
            assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
        } finally {
            oneByOne.close();
        }
    }

    /** Sam's parent has replied, Ava completed last season, Leo's parent has not replied yet. */
    private static void earlierInvitations(InvitationService invitations, Database target) {
        invitations.invite(request("Sam", "Taylor", "+447700900123"), "req-1");
        invitations.invite(new InvitationRequest("Ava", "Jones", "+447700900124", null, null, "U10 Panthers", "U10",
                null, null, "2025-26", null, null), "req-2");
        invitations.invite(request("Leo", "Brown", "+447700900125"), "req-3");
        target.withConnection(c -> c.createStatement().executeUpdate("""
                UPDATE conversations SET last_inbound_at = now()
                WHERE parent_id = (SELECT id FROM parents WHERE phone_e164 = '+447700900123');
                UPDATE players SET registration_status = 'completed', stage = 'completed' WHERE first_name = 'Ava'"""));
    }

    /** Each result as the API reports it, with the player its invitation id names in the database. */
    private static List<String> described(List<InvitationResult> results, Database source) {
        return results.stream().map(result -> rows(source, "SELECT pl.first_name FROM invitations i "
                + "JOIN players pl ON pl.id = i.player_id WHERE i.id = " + result.invitation().id()).getFirst()
                + (result.reinvited() ? " reinvited " : result.created() ? " created " : " already ")
                + result.invitation().kind().wireName() + " by "
                + (result.invitation().parent().firstName() == null ? "?" : result.invitation().parent().firstName()))
                .toList();
    }

    /** Every player with its conversation and invitation, and every job, without ids. */
    private static List<String> stored(Database source) {
        List<String> rows = new ArrayList<>(rows(source, """
                SELECT concat_ws(' ', par.phone_e164, pl.first_name, pl.season, pl.stage, c.season, c.state,
                       CASE WHEN pl.previous_player_id IS NULL THEN 'new' ELSE 'returning' END, i.kind,
                       i.reinvitations, par.first_name,
                       (SELECT count(*) FROM outbox o WHERE o.deduplication_id = 'invitation:' || i.id
                                                          OR o.deduplication_id LIKE 'invitation:' || i.id || ':%'))
                FROM players pl JOIN parents par ON par.id = pl.parent_id
                JOIN conversations c ON c.id = pl.conversation_id JOIN invitations i ON i.player_id = pl.id
                ORDER BY 1"""));
        rows.addAll(rows(source, "SELECT concat_ws(' ', count(*), count(*) FILTER (WHERE state = 'active')) "
                + "FROM conversations"));
        return rows;
    }

    private static List<String> rows(Database source, String sql) {
        return source.withConnection(c -> {
            List<String> rows = new ArrayList<>();
            try (var result = c.createStatement().executeQuery(sql)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        });
    }

    private void parentReplied() {
        update("UPDATE conversations SET last_inbound_at = now()");
    }

    private void update(String sql) {
        database.withConnection(c -> c.createStatement().executeUpdate(sql));
    }

    private List<Job.SendInvitation> sentJobs() {
        return queue.drain().stream().map(m -> (Job.SendInvitation) JobCodec.read(m.body(), "g", "d")).toList();
    }

    private InvitationService serviceUsing(TestQueue target) {
        return Invitations.service(Repositories.of(database), target.jobQueue());
    }

    private static InvitationRequest request(String first, String last, String tel) {
        return new InvitationRequest(first, last, tel, null, null, "U11 Panthers", "U11", null, null, "2026-27",
                null, null);
    }

    private static <T> List<T> runAtOnce(List<Callable<T>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(tasks.size())) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
