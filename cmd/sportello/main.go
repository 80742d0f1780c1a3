// Command sportello is the one binary of Sportello: the web and SMS front
// door (serve), the knowledge-base tools (kb), one-off questions (ask),
// evaluations (eval) and database migrations (migrate).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, getenv); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "sportello:", err)
		}
		os.Exit(exitCode(err))
	}
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

const usage = `Sportello, the multilingual front door of a public administration's contact center.

Usage:
  sportello serve [--addr :8080] [--db FILE|postgres://…] [--retention 30d]
  sportello kb import FILE…          import JSON Lines, JSON, YAML or CSV files (each file atomic)
  sportello kb export [--format jsonl|json|yaml|csv] [--out FILE]
  sportello kb search --lang L TEXT  show the ranked entries for TEXT
  sportello kb reembed [--batch N]   re-embed with the configured embedder (resumable)
  sportello ask [--lang L] TEXT      one turn through the engine: prints the decision
  sportello eval --kb FILE --set FILE [--json | --format text|md|html|json] [--out FILE] [--db …] [--results FILE]
  sportello eval compare A.jsonl B.jsonl   which messages changed decision between two --results files
  sportello eval calibrate --kb FILE --set FILE [--target 0.01] [--write CONFIG]
  sportello eval gate [--gate evals/gate.json]   check the shipped sets against the regression gate
  sportello migrate                  create or update the database schema
  sportello sms send [--from +39…] TEXT   text the demo short code of a running server; prints the reply
  sportello sms check | status       the SMS configuration (--sms-config); the outbox by state
  sportello user add --login L --role admin|editor|operator [--name N] [--teams T,…] [--langs L,…] [--password-stdin]
  sportello user list | passwd | disable | enable --login L
  sportello team add --id T --name N [--hours "mon-fri 08:30-17:00"] [--tz Europe/Rome] [--langs L,…] [--email E]
  sportello team list
  sportello cti key NAME             a new API key for the CTI look-up, and the line that configures its hash
  sportello webhook status [--json] [--check] | requeue ID…|--failed   the contact-center webhook's deliveries

Every command takes --db, --data, --languages, --agency and --config (a YAML or
JSON file with the decision thresholds); the environment variables SPORTELLO_DB,
SPORTELLO_DATA, SPORTELLO_ADDR, SPORTELLO_LANGUAGES, SPORTELLO_DEFAULT_LANGUAGE,
SPORTELLO_AGENCY and SPORTELLO_CONFIG set the same.

The offline embedder needs no model. To use a real one through langchaingo, set
SPORTELLO_EMBEDDER=ollama or openai (any OpenAI-compatible endpoint) with
SPORTELLO_EMBED_MODEL, and SPORTELLO_EMBED_URL and SPORTELLO_EMBED_KEY as needed;
the knowledge base is re-embedded when the embedder changes.
`

// Run executes one command line. It is main without the process: tests
// call it with their own arguments, streams and environment.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string) error {
	cfg := defaultConfig()
	cfg.fromEnv(env)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, cfg, rest, stdout, stderr)
	case "kb":
		if len(rest) == 0 {
			return usageError{"kb needs a subcommand: import, export, search or reembed"}
		}
		switch rest[0] {
		case "import":
			return runImport(ctx, cfg, rest[1:], stdout, stderr)
		case "export":
			return runExport(ctx, cfg, rest[1:], stdout)
		case "search":
			return runSearch(ctx, cfg, rest[1:], stdout)
		case "reembed":
			return runReembed(ctx, cfg, rest[1:], stdout, stderr)
		}
		return usageError{fmt.Sprintf("unknown kb subcommand %q: use import, export, search or reembed", rest[0])}
	case "ask":
		return runAsk(ctx, cfg, rest, stdout, stderr)
	case "eval":
		return runEval(ctx, cfg, rest, stdout, stderr)
	case "user":
		return runUser(ctx, cfg, rest, stdin, stdout)
	case "team":
		return runTeam(ctx, cfg, rest, stdout)
	case "sms":
		return runSMS(ctx, cfg, rest, stdout, stderr)
	case "cti":
		return runCTI(rest, stdout)
	case "webhook":
		return runWebhook(ctx, cfg, rest, stdout)
	case "migrate":
		return runMigrate(ctx, cfg, rest, stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// parse parses a command's flags, with the common ones added.
func parse(fs *flag.FlagSet, cfg *Config, args []string) error {
	cfg.commonFlags(fs)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stdout)
			fs.PrintDefaults()
			return err
		}
		return usageError{fmt.Sprintf("%s: %v", fs.Name(), err)}
	}
	return nil
}

func runMigrate(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "the database %s is up to date\n", cfg.dbPath())
	return nil
}
