package dev.nexus.costs;

import dev.nexus.costs.config.Settings;
import dev.nexus.costs.config.SettingsException;
import dev.nexus.costs.replay.ReplayCommand;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The JAR's entry point: {@code serve} (the default) runs the service, {@code replay} drives it with a trace. */
@Command(name = "nexus-costs", mixinStandardHelpOptions = true, subcommands = ReplayCommand.class,
        description = "Tracks what AI agents spend on model calls and stops them before they pass a budget.")
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.setProperty("chronicle.analytics.disable", "true");
        String[] effective = args.length == 0 ? new String[] {"serve"} : args;
        if (effective[0].equals("serve")) {
            System.exit(serve());
        }
        System.exit(new CommandLine(new Main()).execute(effective));
    }

    @Override
    public Integer call() {
        return serve();
    }

    private static int serve() {
        long startedAt = System.nanoTime();
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (SettingsException e) {
            System.err.println("nexus-costs: " + e.getMessage());
            return 2;
        }
        NexusApp app;
        try {
            app = NexusApp.open(settings).start();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Main.class).error("Could not start", e);
            System.err.println("nexus-costs: cannot start: " + rootMessage(e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "nexus-shutdown"));
        LoggerFactory.getLogger(Main.class).info("Ready in {} ms",
                (System.nanoTime() - startedAt) / 1_000_000);
        return waitForever();
    }

    /** The message of the error at the bottom of the chain, which usually says what to fix. */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                message = message + ": " + cause.getMessage();
            }
        }
        return message;
    }

    private static int waitForever() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
