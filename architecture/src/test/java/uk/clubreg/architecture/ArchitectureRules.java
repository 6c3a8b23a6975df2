package uk.clubreg.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.stream.Stream;

/**
 * The package rules of the system, as rules over any base package: {@code uk.clubreg} for the real code, and a
 * fixtures package in the tests that prove each rule fails when it is broken.
 */
public final class ArchitectureRules {

    /** Use cases: peers that never depend on each other. A new use-case package is added here, and only here. */
    static final List<String> USE_CASES = List.of("inbox", "invitations", "registrations", "chasers", "handoffs",
            "notices", "daily", "privacy");

    /**
     * Aggregates: a repository and its records each; peers that never depend on each other. A player and a
     * conversation each belong to a parent, so both may read the {@code parents} aggregate below them.
     */
    static final List<String> AGGREGATES = List.of("players", "conversations");

    /** The managers' console: pages over several use cases, so it sits above them. */
    static final String CONSOLE = "console";

    /** Requests, responses and the router; its failure mapping knows the database's exception. */
    static final List<String> WEB = List.of("http", "auth");

    /** Used by every layer; kernel packages may use each other, without cycles. */
    static final List<String> KERNEL = List.of("config", "logging", "json", "phone", "encryption");

    /** One per Lambda function: each zip carries only what its handler needs (the API has no openai-java). */
    static final List<String> LAMBDA_HANDLERS = List.of("api", "worker", "migrations");

    /** Runs every Lambda handler on one machine, so it sits above them. */
    static final String LOCAL_STACK = "local";

    /** The one composition root; only it and the entry points choose adapters. */
    static final String COMPOSITION_ROOT = "app";

    /** A package with one of these last segments (or under one) is an adapter to a vendor SDK. */
    static final List<String> ADAPTER_SEGMENTS = List.of("sqs", "twilio", "openai", "aws", "optimaize", "s3");

    static final List<String> VENDOR_PACKAGES =
            List.of("com.amazonaws..", "software.amazon..", "com.twilio..", "com.openai..", "com.optimaize..");

    private record Layer(String name, List<String> packages) {}

    /** Top to bottom: a layer may depend on the layers below it, never on one above. */
    private static final List<Layer> LAYERS = List.of(
            new Layer("Local stack", List.of(LOCAL_STACK)),
            new Layer("Lambda handlers", LAMBDA_HANDLERS),
            new Layer("Composition", List.of(COMPOSITION_ROOT, "snapstart")),
            new Layer("Console", List.of(CONSOLE)),
            new Layer("Use cases", USE_CASES),
            new Layer("Audit", List.of("audit")),
            new Layer("Assistant", List.of("assistant")),
            new Layer("Photos", List.of("photos")),
            new Layer("Messaging", List.of("messaging")),
            new Layer("Web", WEB),
            new Layer("Outbox", List.of("outbox")),
            new Layer("Jobs", List.of("jobs")),
            new Layer("Aggregates", AGGREGATES),
            new Layer("Parents", List.of("parents")),
            new Layer("Persistence", List.of("persistence")),
            new Layer("Kernel", KERNEL));

    private ArchitectureRules() {}

    /** Every rule by a short name, for applying them all to one base package. */
    public static SequencedMap<String, ArchRule> all(String base) {
        SequencedMap<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("layers", layers(base));
        rules.put("no cycles", noCycles(base));
        rules.put("use cases are independent", useCasesAreIndependent(base));
        rules.put("aggregates are independent", aggregatesAreIndependent(base));
        rules.put("Lambda handlers are independent", lambdaHandlersAreIndependent(base));
        rules.put("adapters are used only by the composition root and entry points",
                adaptersAreUsedOnlyByTheCompositionRootAndEntryPoints(base));
        rules.put("vendor types stay in adapters and entry points", vendorTypesStayInAdaptersAndEntryPoints(base));
        rules.put("JDBC stays in persistence and repositories", jdbcStaysInPersistenceAndRepositories(base));
        return rules;
    }

    /**
     * The layers, top to bottom. An adapter sub-package (e.g. {@code jobs.sqs}) is part of its parent's layer.
     * Every class must be in a layer, so a new package has to be placed here before it can be used.
     */
    public static LayeredArchitecture layers(String base) {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (Layer layer : LAYERS) {
            architecture = architecture.layer(layer.name()).definedBy(packages(base, layer.packages()));
        }
        architecture = architecture.whereLayer(LAYERS.getFirst().name()).mayNotBeAccessedByAnyLayer();
        for (int i = 1; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(0, i).stream().map(Layer::name).toArray(String[]::new);
            architecture = architecture.whereLayer(LAYERS.get(i).name()).mayOnlyBeAccessedByLayers(above);
        }
        return architecture;
    }

    /** Catches what layering cannot: a cycle between packages of one layer, such as two kernel packages. */
    public static ArchRule noCycles(String base) {
        return slices().matching(base + ".(*)..").namingSlices("$1").should().beFreeOfCycles();
    }

    public static ArchRule useCasesAreIndependent(String base) {
        return peers(base, USE_CASES, "use cases");
    }

    public static ArchRule aggregatesAreIndependent(String base) {
        return peers(base, AGGREGATES, "aggregates");
    }

    public static ArchRule lambdaHandlersAreIndependent(String base) {
        return peers(base, LAMBDA_HANDLERS, "Lambda handlers");
    }

    /**
     * Adapters are chosen in one place: the composition root or an entry point. Core code sees only the port its
     * adapter implements, and one adapter never reaches into another.
     */
    public static ArchRule adaptersAreUsedOnlyByTheCompositionRootAndEntryPoints(String base) {
        List<String> choosers = Stream.concat(Stream.of(COMPOSITION_ROOT), entryPoints().stream()).toList();
        return classes().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackages(packages(base, choosers))
                .should(onlyUseAdaptersTheyAreIn(base))
                .because("an adapter is chosen by the composition root or an entry point, and used through its port");
    }

    public static ArchRule vendorTypesStayInAdaptersAndEntryPoints(String base) {
        List<String> allowed = new ArrayList<>(List.of(adapterPackages(base)));
        allowed.addAll(List.of(packages(base, entryPoints())));
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackages(allowed.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(VENDOR_PACKAGES.toArray(String[]::new))
                .because("AWS, Twilio and OpenAI types belong in adapter packages, so core code stays testable "
                        + "without them and the API zip stays small");
    }

    /** A class nested in a repository ({@code PlayerRepository$Row}, {@code PlayerRepository$1}) counts as it. */
    public static ArchRule jdbcStaysInPersistenceAndRepositories(String base) {
        DescribedPredicate<JavaClass> repository = DescribedPredicate.describe(
                "a *Repository or a class nested in one", c -> topLevelSimpleName(c).endsWith("Repository"));
        return noClasses().that().resideInAPackage(base + "..")
                .and().resideOutsideOfPackage(base + ".persistence..")
                .and(not(repository))
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("SQL is written in repositories, on the connection helpers of persistence");
    }

    private static ArchRule peers(String base, List<String> names, String description) {
        DescribedPredicate<Slice> isPeer = DescribedPredicate.describe(
                "are " + description + " " + names, slice -> names.contains(slice.getNamePart(1)));
        return slices().matching(base + ".(*)..").namingSlices("$1").that(isPeer).should().notDependOnEachOther()
                .as(description + " " + names + " should not depend on each other");
    }

    private static ArchCondition<JavaClass> onlyUseAdaptersTheyAreIn(String base) {
        return new ArchCondition<>("use no adapter package other than their own") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = adapterRoot(base, origin.getPackageName());
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> target = adapterRoot(base, dependency.getTargetClass().getPackageName());
                    if (target.isPresent() && !target.equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** {@code base.jobs.sqs} for {@code base.jobs.sqs} or anything under it; empty outside adapters. */
    static Optional<String> adapterRoot(String base, String packageName) {
        if (!packageName.startsWith(base + ".")) {
            return Optional.empty();
        }
        String[] segments = packageName.substring(base.length() + 1).split("\\.");
        for (int i = 0; i < segments.length; i++) {
            if (ADAPTER_SEGMENTS.contains(segments[i])) {
                return Optional.of(base + "." + String.join(".", Arrays.copyOfRange(segments, 0, i + 1)));
            }
        }
        return Optional.empty();
    }

    private static List<String> entryPoints() {
        return Stream.concat(LAMBDA_HANDLERS.stream(), Stream.of(LOCAL_STACK)).toList();
    }

    private static String[] adapterPackages(String base) {
        return ADAPTER_SEGMENTS.stream().map(segment -> base + ".." + segment + "..").toArray(String[]::new);
    }

    private static String[] packages(String base, List<String> names) {
        return names.stream().map(name -> base + "." + name + "..").toArray(String[]::new);
    }

    private static String topLevelSimpleName(JavaClass javaClass) {
        String name = javaClass.getName().substring(javaClass.getPackageName().length()).replaceFirst("^\\.", "");
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
