package uk.clubreg.local.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time used so far by a process, read from Linux's /proc (user and system time, in clock ticks of 10 ms, with
 * that of its children already reaped: PostgreSQL's backends that have ended). The throughput runs divide it by the
 * invitations sent, for the stack, PostgreSQL and the load generator, which share the machine's cores.
 */
final class ProcessCpu {

    /** USER_HZ: 100 on every Linux that the JDK supports. */
    private static final double SECONDS_PER_TICK = 0.01;

    private ProcessCpu() {}

    /** The process's own CPU seconds: not its children's (the load generator's child is the stack). */
    static double seconds(ProcessHandle process) {
        return own(process.pid(), false);
    }

    /** The process's CPU seconds, its reaped children's included, plus its live descendants' (PostgreSQL's backends). */
    static double withChildren(ProcessHandle process) {
        return own(process.pid(), true) + process.descendants().mapToDouble(child -> own(child.pid(), false)).sum();
    }

    /** PostgreSQL's postmaster for the data directory {@code dataDirectory}, whoever started it. */
    static Optional<ProcessHandle> postgres(Path dataDirectory) {
        String directory = dataDirectory.toString();
        return ProcessHandle.allProcesses().filter(process -> process.info().command()
                .filter(command -> command.endsWith("/bin/postgres")).isPresent()
                && process.info().arguments().map(arguments -> String.join(" ", arguments).contains(directory))
                .orElse(false)).findFirst();
    }

    private static double own(long pid, boolean withReapedChildren) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException ended) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Fields after the command's closing parenthesis: state is the first, utime the 12th, cstime the 15th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        if (withReapedChildren) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        }
        return ticks * SECONDS_PER_TICK;
    }
}
