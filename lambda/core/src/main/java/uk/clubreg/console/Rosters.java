package uk.clubreg.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.registrations.PlayerRegistration;
import uk.clubreg.registrations.TeamRegistrations;

/** A team's registrations with each player's last message: what the roster page and the CSV export show. */
final class Rosters {

    /** One player's registration and when their conversation last had a message (null: none yet). */
    record Entry(PlayerRegistration registration, Instant lastMessageAt) {}

    private final TeamRegistrations registrations;
    private final ConversationRepository conversations;

    Rosters(TeamRegistrations registrations, ConversationRepository conversations) {
        this.registrations = registrations;
        this.conversations = conversations;
    }

    List<Entry> of(String teamName, String season) {
        List<PlayerRegistration> team = registrations.of(teamName, season);
        Set<Long> conversationIds = team.stream().map(r -> r.player().conversationId()).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, Instant> lastMessages = conversations.lastMessageAt(conversationIds);
        return team.stream().map(r -> new Entry(r, r.player().conversationId() == null ? null
                : lastMessages.get(r.player().conversationId()))).toList();
    }

    /** Why a parent may need a person rather than the assistant: its name in the JSON API and its words. */
    enum ParentState {
        WAITING_FOR_PERSON("waiting_for_person", "Waiting for a person"),
        OPTED_OUT("opted_out", "Opted out"),
        UNREACHABLE("unreachable", "Unreachable");

        private final String wireName;
        private final String words;

        ParentState(String wireName, String words) {
            this.wireName = wireName;
            this.words = words;
        }

        String wireName() {
            return wireName;
        }

        String words() {
            return words;
        }
    }

    /** Why the parent may need a person: waiting for one, opted out, unreachable; empty when none applies. */
    static List<ParentState> parentStates(PlayerRegistration registration) {
        List<ParentState> states = new ArrayList<>();
        if (registration.handOff() != null) {
            states.add(ParentState.WAITING_FOR_PERSON);
        }
        if (registration.parent().optedOutAt() != null) {
            states.add(ParentState.OPTED_OUT);
        }
        if (registration.parent().unreachableSince() != null) {
            states.add(ParentState.UNREACHABLE);
        }
        return states;
    }

    /** The parent's states in words, separated by {@code separator}; empty when none applies. */
    static String parentStateWords(PlayerRegistration registration, String separator) {
        return parentStates(registration).stream().map(ParentState::words).collect(Collectors.joining(separator));
    }

    /** {@code info_collection} → {@code Info collection}. */
    static String words(String wireName) {
        String text = wireName.replace('_', ' ');
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
