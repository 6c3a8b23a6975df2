package uk.clubreg.assistant.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.RequestOptions;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.conversations.ConversationCreateParams;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.Tool;
import com.openai.models.responses.ToolChoiceOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.Instructions;
import uk.clubreg.assistant.LanguageDetector;
import uk.clubreg.assistant.guided.GuidedTexts;
import uk.clubreg.assistant.Responder;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.assistant.ResponderUnavailableException;
import uk.clubreg.assistant.ToolCalls;
import uk.clubreg.assistant.ToolDefinitions;
import uk.clubreg.assistant.Turn;
import uk.clubreg.config.Rotating;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.HistoryMessage;
import uk.clubreg.conversations.Reply;
import uk.clubreg.logging.Alarm;
import uk.clubreg.players.PlayerRepository;

/**
 * The AI: OpenAI's Responses API on one OpenAI conversation per parent conversation (Conversations API). Each
 * request carries the instructions and tools (our code owns the "assistant"), and the model's function calls are
 * answered with {@code function_call_output} items, for at most {@code maxToolRounds} rounds; then one last request
 * without tools asks for the reply. A lost OpenAI conversation (404), or one left with a function call and no output,
 * is rebuilt from the messages table; any other 400 is not (docs/decisions/0085-openai-rebuild-only-when-lost.md).
 * Each request's timeout is bounded by the turn's deadline, retries included (decision 0083).
 */
public final class OpenAiResponder implements Responder {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiResponder.class);
    /** The Conversations API takes at most 20 items when a conversation is created. */
    static final int MAX_REBUILD_ITEMS = 20;
    /** The parent wrote again before the reply decided for their earlier messages was sent (decision 0016). */
    static final String UNSENT_REPLY_NOTE = "Your last reply was not sent: the parent wrote again first. "
            + "Answer their earlier and new messages together in one reply.";
    /** The club's own questions spoke since the model's last reply (decision 0094); their answers are not shown. */
    static final String CLUB_SAID_NOTE = "Since your last reply the club asked its own questions; the answers are "
            + "not shown to you and Players is up to date. The club's last message to the parent: ";
    /** Less than this left before the turn's deadline: no request is started. */
    static final Duration SHORTEST_REQUEST = Duration.ofSeconds(1);
    /** OpenAI's words for a conversation whose function call has no output (a worker died mid-turn). */
    private static final Pattern ORPHANED_TOOL_CALL = Pattern.compile("(?i)no tool output found");

    /**
     * How to call the model; {@code requestTimeout} and {@code maxRetries}: the client's, so a request and its retries
     * fit in the time left before the turn's deadline.
     */
    public record Model(String name, String reasoningEffort, int maxToolRounds, int historyMessages,
                        Duration requestTimeout, int maxRetries) {

        private static final Pattern REASONING_MODELS = Pattern.compile("^(gpt-5(?!.*chat).*|o\\d.*)$");

        /**
         * Reasoning effort goes only to reasoning models (gpt-5 family, o-series): others answer 400 to it, so
         * choosing e.g. gpt-4.1-mini for OPENAI_MODEL works without also changing OPENAI_REASONING_EFFORT.
         */
        boolean acceptsReasoning() {
            return reasoningEffort != null && !reasoningEffort.equalsIgnoreCase("none")
                    && REASONING_MODELS.matcher(name.toLowerCase(Locale.ROOT)).matches();
        }
    }

    private final Rotating<OpenAIClient> client;
    private final Supplier<Model> model;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final ToolCalls tools;
    private final ConversationSettings settings;
    private final List<Tool> toolsWithLastSeason;
    private final List<Tool> toolsWithoutLastSeason;
    private final Clock clock;
    private final LanguageDetector languages;

    /**
     * @param client the OpenAI client, rebuilt when its key or settings change (decision 0080)
     * @param model  read for each request, so a changed OPENAI_MODEL parameter needs no deploy
     */
    public OpenAiResponder(Rotating<OpenAIClient> client, Supplier<Model> model, ResponderContext context) {
        this(client, model, context, LanguageDetector.NONE);
    }

    /** @param languages finds the language of a parent who has not chosen one (docs/decisions/0112) */
    public OpenAiResponder(Rotating<OpenAIClient> client, Supplier<Model> model, ResponderContext context,
                           LanguageDetector languages) {
        this.languages = languages;
        this.client = client;
        this.model = model;
        this.players = context.players();
        this.conversations = context.conversations();
        this.tools = context.tools();
        this.settings = context.settings();
        this.clock = context.clock();
        List<ToolDefinitions.Definition> tools = ToolDefinitions.all(settings.kitSizes(), settings.sensitiveDetails());
        this.toolsWithLastSeason = functionTools(ToolDefinitions.offered(tools, true));
        this.toolsWithoutLastSeason = functionTools(ToolDefinitions.offered(tools, false));
    }

    @Override
    public String engine() {
        return "ai";
    }

    /** Tokens of every request of a turn, whichever attempt made it: each is billed. */
    private static final class Usage {
        private long input;
        private long output;

        void add(Response response) {
            response.usage().ifPresent(usage -> {
                input += usage.inputTokens();
                output += usage.outputTokens();
            });
        }

        Reply on(Reply reply) {
            return reply.withUsage(Math.toIntExact(input), Math.toIntExact(output));
        }
    }

    /**
     * The turn's reply, carrying the tokens of all its requests, a rebuilt conversation's first try included. A turn
     * that fails leaves its tokens on the conversation, so what OpenAI bills is what the club sees.
     */
    @Override
    public Reply respond(Turn turn) {
        Usage usage = new Usage();
        try {
            return decide(inParentsLanguage(turn), usage);
        } catch (RuntimeException e) {
            if (usage.input + usage.output > 0) {
                try {
                    conversations.addAttemptTokens(turn.conversationId(), new AiTokens(usage.input, usage.output));
                } catch (RuntimeException unrecorded) {
                    e.addSuppressed(unrecorded);
                }
            }
            throw e;
        }
    }

    /**
     * A parent who has not chosen a language and writes clearly in another of the club's than its default has it
     * kept, as guided mode keeps a confirmed one; the model is told it from this turn on. The model would answer in
     * the parent's language anyway; the stored choice is for what the club sends later (docs/decisions/0112).
     */
    private Turn inParentsLanguage(Turn turn) {
        if (turn.language() != null) {
            return turn;
        }
        Optional<String> found = languages.sureOf(turn.text(), settings.languages())
                .filter(language -> !language.equals(settings.defaultLanguage()));
        found.ifPresent(language -> conversations.setParentLanguage(turn.conversationId(), language));
        return found.map(turn::inLanguage).orElse(turn);
    }

    private Reply decide(Turn turn, Usage usage) {
        try {
            String conversation = turn.openAiConversationId() != null ? turn.openAiConversationId() : rebuild(turn);
            Reply reply;
            try {
                reply = converse(turn, conversation, usage);
            } catch (NotFoundException | BadRequestException e) {
                if (!lost(e)) {
                    throw e;
                }
                // The messages table is the source of truth, so a fresh conversation is built from it.
                LOG.atWarn().addKeyValue("conversation_id", turn.conversationId())
                        .addKeyValue("status", e.statusCode())
                        .log("OpenAI conversation lost or unusable; rebuilding it from the messages table");
                reply = converse(turn, rebuild(turn), usage);
            }
            if (turn.earlierAttempt()) {
                players.acknowledgeEarlierAttempt(turn.conversationId(), clock.instant());
            }
            return reply;
        } catch (OpenAIIoException e) {
            throw new ResponderUnavailableException("OpenAI did not answer in time", e);
        } catch (UnauthorizedException | PermissionDeniedException e) {
            throw credentialsRefused(e);
        } catch (OpenAIServiceException e) {
            if (e.statusCode() == 408 || e.statusCode() == 409 || e.statusCode() == 429 || e.statusCode() >= 500) {
                throw new ResponderUnavailableException("OpenAI answered " + e.statusCode(), e);
            }
            throw e;
        }
    }

    /**
     * OpenAI refused the key: read it again at once, so the next attempt uses a rotated one, and leave the turn to
     * be retried like an outage (decision 0080). Never a refusal of the parent's message.
     */
    private ResponderUnavailableException credentialsRefused(OpenAIServiceException e) {
        boolean renewed = client.renewAfterRefusal(client.get()).isPresent();
        if (!renewed) {
            Alarm.CREDENTIALS_REFUSED.raise(LOG.atError().addKeyValue("provider", "openai")
                    .addKeyValue("http_status", e.statusCode()),
                    "OpenAI refused our credentials; the turn will be retried. Check OPENAI_API_KEY");
        }
        return new ResponderUnavailableException("OpenAI refused the API key (" + e.statusCode() + ")", e);
    }

    /** Not found, or left with a function call and no output; any other 400 is a fault of the request. */
    private static boolean lost(OpenAIServiceException e) {
        return e instanceof NotFoundException || ORPHANED_TOOL_CALL.matcher(String.valueOf(e.getMessage())).find();
    }

    /**
     * The request's timeout: the client's, or less when the turn's deadline is nearer, shared with its retries.
     *
     * @throws ResponderUnavailableException when too little time is left to start a request
     */
    private RequestOptions withinDeadline(Turn turn) {
        Duration left = turn.deadline().remaining();
        if (left.compareTo(SHORTEST_REQUEST) < 0) {
            throw new ResponderUnavailableException("The turn's deadline came before OpenAI answered", null);
        }
        Model current = model.get();
        Duration perAttempt = left.dividedBy(current.maxRetries() + 1L);
        return perAttempt.compareTo(current.requestTimeout()) < 0
                ? RequestOptions.builder().timeout(perAttempt).build()
                : RequestOptions.none();
    }

    private Reply converse(Turn turn, String conversation, Usage usage) {
        List<ResponseInputItem> input = new ArrayList<>();
        if (turn.clubSaid() != null) {
            input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                    .role(EasyInputMessage.Role.DEVELOPER).content(CLUB_SAID_NOTE + turn.clubSaid()).build()));
        }
        if (turn.unsentReply() != null) {
            input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                    .role(EasyInputMessage.Role.DEVELOPER).content(UNSENT_REPLY_NOTE).build()));
        }
        input.add(ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER).content(turn.text()).build()));
        for (int round = 0; ; round++) {
            // The players' stages move as tools run: the instructions are rebuilt from the database each round.
            Turn current = turn.with(players.inConversation(turn.conversationId()), conversation);
            boolean toolsAllowed = round < model.get().maxToolRounds();
            Response response = client.get().responses().create(request(current, conversation, input, toolsAllowed),
                    withinDeadline(turn));
            usage.add(response);
            List<ResponseFunctionToolCall> calls = response.output().stream().filter(ResponseOutputItem::isFunctionCall)
                    .map(ResponseOutputItem::asFunctionCall).toList();
            if (calls.isEmpty() || !toolsAllowed) {
                if (!calls.isEmpty()) {
                    LOG.atWarn().addKeyValue("conversation_id", turn.conversationId())
                            .log("The model kept calling tools after the last round");
                }
                // A response without text: the parent is asked to send again, in their language.
                String text = text(response).orElseGet(() -> GuidedTexts.of(settings.languageOf(turn.language()))
                        .text("something_went_wrong"));
                LOG.atInfo().addKeyValue("conversation_id", turn.conversationId()).addKeyValue("rounds", round)
                        .addKeyValue("input_tokens", usage.input).addKeyValue("output_tokens", usage.output)
                        .log("AI turn done");
                return usage.on(Reply.text(text));
            }
            input = calls.stream().map(call -> ResponseInputItem.ofFunctionCallOutput(
                    ResponseInputItem.FunctionCallOutput.builder().callId(call.callId())
                            .output(tools.call(turn.conversationId(), turn.messageIds(), call.name(),
                                    call.arguments()).toJson())
                            .build()))
                    .toList();
        }
    }

    private ResponseCreateParams request(Turn turn, String conversation, List<ResponseInputItem> input,
                                         boolean toolsAllowed) {
        Model current = model.get();
        ResponseCreateParams.Builder request = ResponseCreateParams.builder()
                .model(current.name())
                .instructions(Instructions.forTurn(settings, turn))
                .conversation(conversation)
                .input(ResponseCreateParams.Input.ofResponse(input))
                .tools(turn.lastSeason().isEmpty() ? toolsWithoutLastSeason : toolsWithLastSeason)
                .toolChoice(toolsAllowed ? ToolChoiceOptions.AUTO : ToolChoiceOptions.NONE);
        if (current.acceptsReasoning()) {
            request.reasoning(Reasoning.builder().effort(ReasoningEffort.of(current.reasoningEffort())).build());
        }
        return request.build();
    }

    /** A new OpenAI conversation holding the last messages of the messages table (the source of truth). */
    private String rebuild(Turn turn) {
        int limit = Math.min(model.get().historyMessages(), MAX_REBUILD_ITEMS);
        List<HistoryMessage> history = conversations.history(turn.conversationId(), turn.messages().getFirst().id(), limit);
        ConversationCreateParams.Builder create = ConversationCreateParams.builder();
        for (HistoryMessage message : history) {
            create.addItem(EasyInputMessage.builder()
                    .role(message.fromParent() ? EasyInputMessage.Role.USER : EasyInputMessage.Role.ASSISTANT)
                    .content(message.body()).build());
        }
        create.metadata(ConversationCreateParams.Metadata.builder()
                .putAdditionalProperty("conversation_id", JsonValue.from(String.valueOf(turn.conversationId())))
                .build());
        String id = client.get().conversations().create(create.build(), withinDeadline(turn)).id();
        conversations.setOpenAiConversationId(turn.conversationId(), id);
        LOG.atInfo().addKeyValue("conversation_id", turn.conversationId()).addKeyValue("history_items", history.size())
                .log("OpenAI conversation created");
        return id;
    }

    private static Optional<String> text(Response response) {
        String text = response.output().stream().filter(ResponseOutputItem::isMessage)
                .map(ResponseOutputItem::asMessage)
                .flatMap(message -> message.content().stream())
                .filter(ResponseOutputMessage.Content::isOutputText)
                .map(content -> content.asOutputText().text())
                .collect(Collectors.joining("\n")).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static List<Tool> functionTools(List<ToolDefinitions.Definition> definitions) {
        return definitions.stream().map(OpenAiResponder::functionTool).map(Tool::ofFunction).toList();
    }

    private static FunctionTool functionTool(ToolDefinitions.Definition definition) {
        FunctionTool.Parameters.Builder parameters = FunctionTool.Parameters.builder();
        ObjectNode schema = definition.parameters();
        schema.properties().forEach(field -> parameters.putAdditionalProperty(field.getKey(),
                JsonValue.fromJsonNode(field.getValue())));
        return FunctionTool.builder().name(definition.name()).description(definition.description())
                .parameters(parameters.build()).strict(true).build();
    }
}
