package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/sportello/sportello/kb"
	"github.com/sportello/sportello/kb/postgres"
	"github.com/sportello/sportello/kb/sqlite"
	"github.com/sportello/sportello/web/staff"
	staffpg "github.com/sportello/sportello/web/staff/postgres"
	staffsqlite "github.com/sportello/sportello/web/staff/sqlite"
)

// openStaff opens the staff accounts beside the knowledge base st.
func openStaff(ctx context.Context, st kb.Store) (staff.Store, error) {
	switch s := st.(type) {
	case *sqlite.Store:
		return staffsqlite.New(ctx, s.DB())
	case *postgres.Store:
		return staffpg.New(ctx, s.Pool())
	}
	return nil, fmt.Errorf("staff accounts: no account store for %T", st)
}

// runUser is `sportello user add|list|passwd|disable|enable`.
func runUser(ctx context.Context, cfg Config, args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"user needs a subcommand: add, list, passwd, disable or enable"}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("user "+sub, flag.ContinueOnError)
	login := fs.String("login", "", "the user's sign-in name (lower-case letters, digits, . _ -)")
	name := fs.String("name", "", "the user's full name")
	role := fs.String("role", "", "admin, editor or operator")
	teams := fs.String("teams", "", "comma-separated team ids")
	langs := fs.String("langs", "", "comma-separated languages the operator replies in")
	fromStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input instead of generating one")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	if sub != "list" && *login == "" {
		return usageError{"user " + sub + ": --login is required"}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	ss, err := openStaff(ctx, st)
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		us, err := ss.Users(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LOGIN\tROLE\tNAME\tTEAMS\tLANGUAGES\tSTATE")
		for _, u := range us {
			state := "active"
			if u.Disabled {
				state = "disabled"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Login, u.Role, u.Name, strings.Join(u.Teams, ","), strings.Join(u.Langs, ","), state)
		}
		return tw.Flush()
	case "add":
		pw, generated, err := password(stdin, *fromStdin)
		if err != nil {
			return err
		}
		hash, err := staff.HashPassword(pw)
		if err != nil {
			return err
		}
		u := &staff.User{Login: *login, Name: *name, Role: staff.Role(*role), Teams: splitList(*teams), Langs: splitList(*langs), PasswordHash: hash}
		if err := ss.CreateUser(ctx, u); err != nil {
			return fmt.Errorf("user add: %w", err)
		}
		ss.Audit(ctx, &staff.AuditEvent{Actor: "cli", Action: "user.add", Target: "user:" + u.Login, Detail: string(u.Role)})
		fmt.Fprintf(stdout, "created %s %s\n", u.Role, u.Login)
		if generated {
			fmt.Fprintf(stdout, "password: %s\n(shown once: give it to %s, who can sign in at /staff/login)\n", pw, u.Login)
		}
		return nil
	case "passwd", "disable", "enable":
		u, err := ss.UserByLogin(ctx, *login)
		if errors.Is(err, staff.ErrNotFound) {
			return fmt.Errorf("user %s: there is no user %q", sub, *login)
		}
		if err != nil {
			return err
		}
		switch sub {
		case "passwd":
			pw, generated, err := password(stdin, *fromStdin)
			if err != nil {
				return err
			}
			if u.PasswordHash, err = staff.HashPassword(pw); err != nil {
				return err
			}
			if generated {
				fmt.Fprintf(stdout, "password: %s\n", pw)
			}
		case "disable":
			u.Disabled = true
		case "enable":
			u.Disabled = false
		}
		if err := ss.UpdateUser(ctx, u); err != nil {
			return err
		}
		// A new password or a disabled account ends every open session.
		if err := ss.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		ss.Audit(ctx, &staff.AuditEvent{Actor: "cli", Action: "user." + sub, Target: "user:" + u.Login})
		fmt.Fprintf(stdout, "%s: done for %s\n", sub, u.Login)
		return nil
	}
	return usageError{fmt.Sprintf("unknown user subcommand %q: use add, list, passwd, disable or enable", sub)}
}

// runTeam is `sportello team add|list`.
func runTeam(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"team needs a subcommand: add or list"}
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("team "+sub, flag.ContinueOnError)
	id := fs.String("id", "", "the team's id, e.g. anagrafe")
	name := fs.String("name", "", "the team's name")
	hours := fs.String("hours", "", `opening hours, e.g. "mon-fri 08:30-12:30, 14:00-17:00; sat 09:00-12:00" (empty: always open)`)
	tz := fs.String("tz", "Europe/Rome", "the time zone of the opening hours")
	langs := fs.String("langs", "", "comma-separated languages the team covers")
	email := fs.String("email", "", "the office's e-mail address for transfers")
	if err := parse(fs, &cfg, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	ss, err := openStaff(ctx, st)
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		ts, err := ss.Teams(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tLANGUAGES\tHOURS\tZONE")
		for _, t := range ts {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, strings.Join(t.Langs, ","), t.Hours.Spec, t.Location)
		}
		return tw.Flush()
	case "add":
		h, err := staff.ParseHours(*hours)
		if err != nil {
			return err
		}
		t := &staff.Team{ID: *id, Name: *name, Langs: splitList(*langs), Hours: h, Location: *tz, Email: *email}
		if err := ss.PutTeam(ctx, t); err != nil {
			return fmt.Errorf("team add: %w", err)
		}
		ss.Audit(ctx, &staff.AuditEvent{Actor: "cli", Action: "team.put", Target: "team:" + t.ID})
		fmt.Fprintf(stdout, "saved team %s\n", t.ID)
		return nil
	}
	return usageError{fmt.Sprintf("unknown team subcommand %q: use add or list", sub)}
}

// password reads one from stdin or generates a strong one.
func password(stdin io.Reader, fromStdin bool) (pw string, generated bool, err error) {
	if fromStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", false, fmt.Errorf("reading the password: %w", err)
		}
		return strings.TrimRight(line, "\r\n"), false, nil
	}
	// 26 base32 characters: 130 random bits.
	return rand.Text(), true, nil
}
