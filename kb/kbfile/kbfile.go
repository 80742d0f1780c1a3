// Package kbfile reads and writes knowledge-base files: the JSON Lines,
// JSON, YAML and CSV files that editors and translators keep entries in and
// that Sportello imports and exports.
//
// JSON Lines, JSON and YAML spell an entry with kb.Entry's field names
// ("id", "variants", "question", ...); times are RFC 3339. A CSV file has
// a header row and one row per entry and language, with the columns id,
// topic, agency, status, tags, valid_from, valid_until, lang, question,
// alternates, answer, sms, links, machine_translated, outdated, reviewed_by and
// reviewed_at (id, lang, question and answer required, the others
// optional, in any order). Tags and alternates are separated by " | ",
// links are "title <url>" items separated by " | ". The rows of one id
// make one entry; its entry-level cells may be repeated or left empty in
// later rows. Read also takes ';' as the separator, as Excel writes it in
// an Italian locale.
//
// Read is strict, because a file is usually written by hand or by a
// spreadsheet and its mistakes are cheaper to fix at import than to find
// in a citizen's answer: unknown fields, invalid UTF-8, malformed dates and
// duplicate ids are errors that name the file, the line and the field.
// Write is deterministic, so exports diff cleanly and Read(Write(x)) gives
// x back.
package kbfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sportello/sportello/kb"
)

// Error is a problem at one place of a file. Read returns every problem as
// an *Error so that a command line or a web form can point the editor at
// the line to fix.
type Error struct {
	File  string // the name given to Read
	Line  int    // 1-based; 0 when the problem is not on one line
	Field string // dotted path such as "variants.ar.answer", or ""
	Msg   string
	// Err is kb.ErrInvalid, kb.ErrConflict, a *kb.FieldError (which matches
	// kb.ErrInvalid) or the reader's error.
	Err error
}

// Error formats e as "faq.jsonl:12: variants.ar.answer: is required",
// leaving out the parts e does not have.
func (e *Error) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		b.WriteString(e.File + ":" + strconv.Itoa(e.Line) + ": ")
	case e.File != "":
		b.WriteString(e.File + ": ")
	case e.Line > 0:
		b.WriteString("line " + strconv.Itoa(e.Line) + ": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	msg := e.Msg
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	b.WriteString(msg)
	return strings.TrimSuffix(b.String(), ": ")
}

// Unwrap returns the cause, so that errors.Is(err, kb.ErrInvalid) and
// errors.Is(err, kb.ErrConflict) sort the problem for the caller.
func (e *Error) Unwrap() error { return e.Err }

// Format is a file format.
type Format string

// JSONL is JSON Lines: one entry object per line. It streams, so it suits
// large exports and line-oriented tools such as grep and diff.
const JSONL Format = "jsonl"

// JSON is a JSON array of entry objects, for tools that want one document.
const JSON Format = "json"

// YAML is a YAML sequence of entries, the friendliest format to edit by hand.
const YAML Format = "yaml"

// CSV has one row per entry and language, for translators' spreadsheets.
const CSV Format = "csv"

var extensions = []struct {
	ext string
	f   Format
}{
	{".jsonl", JSONL}, {".ndjson", JSONL}, {".json", JSON},
	{".yaml", YAML}, {".yml", YAML}, {".csv", CSV},
}

// FormatOf picks the format from a file name's extension, ignoring case
// because Windows users save FAQ.CSV.
func FormatOf(name string) (Format, error) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, x := range extensions {
		if x.ext == ext {
			return x.f, nil
		}
	}
	var exts []string
	for _, x := range extensions {
		exts = append(exts, x.ext)
	}
	what := fmt.Sprintf("unknown file extension %q", filepath.Ext(name))
	if ext == "" {
		what = "no file extension"
	}
	return "", &Error{File: name, Msg: what + "; supported: " + strings.Join(exts, ", "), Err: kb.ErrInvalid}
}

// ReadOptions tunes Read.
type ReadOptions struct {
	// Languages, when not empty, are the variant languages allowed; empty
	// allows any valid language tag.
	Languages []string
	// MaxEntries, when positive, is the most entries the file may hold; it
	// stops an upload from filling memory.
	MaxEntries int
	// Progress, when set, is called now and then with the bytes read so far,
	// and once at the end, for a terminal progress bar.
	Progress func(bytesRead int64)
}

// Read decodes all entries of one file, normalises (kb.Entry.Normalize) and
// validates each (kb.Entry.Validate with opts.Languages), and checks that
// ids are unique within the file. name is used in messages only. It returns
// the first problem as an *Error with file, line and field, and no entries,
// so that callers store all or nothing. An empty file is an error.
//
// For CSV, where an entry's rows may be anywhere in the file, problems in
// single rows are found before problems of whole entries.
func Read(r io.Reader, name string, f Format, opts ReadOptions) ([]*kb.Entry, error) {
	in := newInput(r, opts.Progress)
	c := &collector{opts: opts, ids: map[string]int{}}
	var err error
	switch f {
	case JSONL:
		err = readJSONL(in, c)
	case JSON:
		err = readJSON(in, c)
	case YAML:
		err = readYAML(in, c)
	case CSV:
		err = readCSV(in, c)
	default:
		err = &Error{Msg: fmt.Sprintf("unknown format %q; use jsonl, json, yaml or csv", f), Err: kb.ErrInvalid}
	}
	in.cnt.done()
	if err == nil && len(c.entries) == 0 {
		err = &Error{Msg: "no entries", Err: kb.ErrInvalid}
	}
	if err != nil {
		var fe *Error
		if !errors.As(err, &fe) {
			// Decoders report what input handed them; anything else is a bug
			// worth a clear message rather than a bare one.
			fe = &Error{Msg: err.Error(), Err: err}
		}
		fe.File = name
		return nil, fe
	}
	return c.entries, nil
}

// collector checks decoded entries one by one, in file order, so that the
// first problem in the file is the one reported.
type collector struct {
	opts    ReadOptions
	entries []*kb.Entry
	ids     map[string]int // id → line
}

// full reports the error for one entry too many, if the file has it.
func (c *collector) full(line int) error {
	if c.opts.MaxEntries > 0 && len(c.entries) >= c.opts.MaxEntries {
		return &Error{Line: line, Msg: fmt.Sprintf("too many entries; the limit is %d", c.opts.MaxEntries), Err: kb.ErrInvalid}
	}
	return nil
}

// add normalises, validates and keeps e, which starts at line. lineOf, when
// not nil, gives a better line for a field (CSV knows each language's row).
func (c *collector) add(e *kb.Entry, line int, lineOf func(field string) int) error {
	if err := c.full(line); err != nil {
		return err
	}
	e.Normalize()
	canonical(e)
	if err := e.Validate(c.opts.Languages); err != nil {
		return fieldError(err, line, lineOf)
	}
	if prev, ok := c.ids[e.ID]; ok {
		return &Error{Line: line, Field: "id", Msg: fmt.Sprintf("%q is also the id of the entry at line %d; ids must be unique", e.ID, prev), Err: kb.ErrConflict}
	}
	c.ids[e.ID] = line
	c.entries = append(c.entries, e)
	return nil
}

// fieldError places a *kb.FieldError at a line.
func fieldError(err error, line int, lineOf func(string) int) error {
	var fe *kb.FieldError
	if !errors.As(err, &fe) {
		return &Error{Line: line, Msg: err.Error(), Err: err}
	}
	if lineOf != nil {
		line = lineOf(fe.Field)
	}
	return &Error{Line: line, Field: fe.Field, Msg: fe.Msg, Err: err}
}

// Write encodes entries in format f, in the order given, deterministically:
// maps sorted by key, times in RFC 3339 with nanoseconds and their own
// offset, JSON without HTML escaping. For every entry list that Read
// returns, Read(Write(x)) equals x and Write(Read(Write(x))) is
// byte-identical to Write(x).
//
// Write does not validate; it writes what it is given, store-managed fields
// (Revision, CreatedAt, UpdatedAt) included, except that CSV has no columns
// for those and leaves them out. CSV cannot hold every text the other
// formats can (a tag containing "|", say), so Write returns an error
// matching kb.ErrInvalid rather than write a file that reads back different.
func Write(w io.Writer, f Format, entries []*kb.Entry) error {
	for i, e := range entries {
		if e == nil {
			return fmt.Errorf("kbfile: entry %d is nil: %w", i, kb.ErrInvalid)
		}
	}
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case JSONL:
		err = writeJSONL(bw, entries)
	case JSON:
		err = writeJSON(bw, entries)
	case YAML:
		err = writeYAML(bw, entries)
	case CSV:
		err = writeCSV(bw, entries)
	default:
		return fmt.Errorf("kbfile: unknown format %q: %w", f, kb.ErrInvalid)
	}
	if err != nil {
		return err
	}
	return bw.Flush()
}
