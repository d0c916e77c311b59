package io.berth.db;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The db module is a library; this lets its tests boot it with auto-configuration only. */
@SpringBootApplication
public class BerthDbTestApplication {
}
