package uk.clubreg.local.benchmark;

/** The baseline of the cold-path ratio: what a fresh JVM costs before any of our code runs. */
public final class HelloWorld {

    private HelloWorld() {}

    public static void main(String[] args) {
        System.out.println("Hello, world");
    }
}
