package org.campusgate.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * The console's configuration file ({@code config/demo/console.yaml}, or the one given to
 * {@code campusgate run --config}). Dropwizard validates it at start; paths are relative to the
 * installation folder. {@code ${VAR}} is replaced from the environment (for passwords).
 */
public class ConsoleConfiguration extends Configuration {
  /** The school this installation serves; created with its first policy on first start. */
  @Valid @NotNull
  @JsonProperty
  public SchoolSection school = new SchoolSection();

  /** Console state: the embedded H2 file under {@code var/} unless a JDBC URL is given. */
  @Valid @NotNull
  @JsonProperty
  public DatabaseSection database = new DatabaseSection();

  /** The audit store's folder. */
  @NotBlank
  @JsonProperty
  public String audit = "var/audit";

  /** UT1 lists (folder or .tar.gz) the policy's categories come from; empty for none. */
  @JsonProperty
  public String lists = "";

  /**
   * Folders (relative to the installation folder, or absolute) the console may import UT1 lists
   * from by server path; any other path is refused, symlinks resolved.
   */
  @NotNull
  @JsonProperty
  public List<@NotBlank String> listImportRoots = List.of("data", "var/lists");

  /** Where the one-time password of the first admin account is written (mode 0600). */
  @NotBlank
  @JsonProperty
  public String initialAdminPasswordFile = "var/initial-admin-password";

  /** Seed demo users, groups and an IP binding on first start (the demo, never production). */
  @JsonProperty
  public boolean demoPeople = false;

  /** The gateway run in the same process; absent: console only. */
  @Valid
  @JsonProperty
  public GatewaySection gateway;

  @Valid @NotNull
  @JsonProperty
  public SessionSection sessions = new SessionSection();

  /** Clock drift check; absent: not checked. */
  @Valid
  @JsonProperty
  public NtpSection ntp;

  /** Monthly inspection reports. */
  @Valid @NotNull
  @JsonProperty
  public ReportSection report = new ReportSection();

  /** The school section. */
  public static class SchoolSection {
    @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
    @JsonProperty
    public String id = "demo-school";

    @NotBlank
    @JsonProperty
    public String name = "Demo School";

    /** The policy published as version 1 when the school has none yet. */
    @NotBlank
    @JsonProperty
    public String initialPolicy = "config/demo/policy.yaml";

    /**
     * A learning-app register file (.xlsx or CSV, README "App register files") imported when
     * the register is still empty; none by default.
     */
    @JsonProperty
    public String initialRegister;
  }

  /** JDBC settings; an empty URL means the embedded H2 database under {@code var/console}. */
  public static class DatabaseSection {
    @JsonProperty
    public String url = "";

    @JsonProperty
    public String user = "";

    @JsonProperty
    public String password = "";

    /** Folder of the embedded database. */
    @NotBlank
    @JsonProperty
    public String embeddedDir = "var/console";
  }

  /** The in-process gateway. */
  public static class GatewaySection {
    @NotBlank
    @JsonProperty
    public String id = "gw-1";

    @NotBlank @Pattern(regexp = ".+:[0-9]{1,5}", message = "must be host:port")
    @JsonProperty
    public String listen = "127.0.0.1:3128";

    @JsonProperty
    public String contact = "";

    /** Proxy accounts file ({@code username:argon2-hash:groups:Name}); empty for none. */
    @JsonProperty
    public String users = "";

    /** Names that resolve from this hosts(5) file before DNS (demo app domains); empty for none. */
    @JsonProperty
    public String hostsFile = "";

    @Min(1) @Max(256)
    @JsonProperty
    public int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Console login sessions. */
  public static class SessionSection {
    @NotNull
    @JsonProperty
    public Duration idleTimeout = Duration.minutes(30);

    @NotNull
    @JsonProperty
    public Duration absoluteTimeout = Duration.hours(12);

    @Min(1) @Max(100)
    @JsonProperty
    public int lockAfterFailures = 5;

    @NotNull
    @JsonProperty
    public Duration lockFor = Duration.minutes(15);

    @Min(1) @Max(1_000_000)
    @JsonProperty
    public int maxSessions = 10_000;
  }

  /** NTP clock-drift check. */
  public static class NtpSection {
    @NotBlank
    @JsonProperty
    public String server;

    @NotNull
    @JsonProperty
    public Duration maxDrift = Duration.seconds(1);

    @NotNull
    @JsonProperty
    public Duration timeout = Duration.seconds(3);
  }

  /** Monthly inspection reports (RULES.md §6). */
  public static class ReportSection {
    /** The district named in the report's header. */
    @NotBlank
    @JsonProperty
    public String district = "教育局 District Education Bureau";

    /** Where generated reports are kept. */
    @NotBlank
    @JsonProperty
    public String dir = "var/reports";

    /** Days after the month's end a new rectification item is due. */
    @Min(1) @Max(90)
    @JsonProperty
    public int rectificationDays = 15;

    /** The headless browser that prints the PDF; the PDF is skipped when it is missing. */
    @NotBlank
    @JsonProperty
    public String chromium = "/usr/bin/chromium";
  }
}
