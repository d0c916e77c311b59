package io.berth.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** A CLI with its own home directory, pointed at a fresh {@link FakeBerth} for every test. */
abstract class FakeServerTestBase {

    @TempDir
    Path home;

    FakeBerth server;
    Cli cli;

    @BeforeEach
    void startFakeServer() throws IOException {
        server = new FakeBerth();
        cli = new Cli(home);
        cli.env.put("BERTH_URL", server.url());
    }

    @AfterEach
    void stopFakeServer() {
        server.close();
    }
}
