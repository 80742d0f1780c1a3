package kbfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/sportello/sportello/kb"
)

// csvColumns are the CSV columns in the order Write puts them: the entry's
// cells first, then the language's, so that a translator can hide the
// left half of the sheet.
var csvColumns = []string{
	"id", "topic", "agency", "status", "tags", "valid_from", "valid_until",
	"shared", "overrides", "adopted_revision",
	"lang", "question", "alternates", "answer", "sms", "links",
	"machine_translated", "outdated", "reviewed_by", "reviewed_at",
}

// entryColumns hold the entry's own values, repeated on each of its rows.
var entryColumns = []string{"topic", "agency", "status", "tags", "valid_from", "valid_until", "shared", "overrides", "adopted_revision"}

var requiredColumns = []string{"id", "lang", "question", "answer"}

// csvEntry is an entry being put together from its rows.
type csvEntry struct {
	e        *kb.Entry
	line     int            // first row
	langLine map[string]int // lang → row
	setLine  map[string]int // entry column → row that gave its value
	setText  map[string]string
}

func readCSV(in *input, c *collector) error {
	br := bufio.NewReaderSize(in, 64<<10)
	cr := csv.NewReader(br)
	// Excel in an Italian locale saves "CSV" with semicolons. A header has
	// fixed column names, so one with ';' and no ',' can only mean that.
	head, _ := br.Peek(4096)
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	if !bytes.ContainsRune(head, ',') && bytes.ContainsRune(head, ';') {
		cr.Comma = ';'
	}
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return csvError(in, err, 0)
	}
	col := map[string]int{}
	var unknown []string
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !slices.Contains(csvColumns, h) {
			unknown = append(unknown, fmt.Sprintf("%q (column %d)", h, i+1))
			continue
		}
		if prev, dup := col[h]; dup {
			return &Error{Line: 1, Field: h, Msg: fmt.Sprintf("column %d repeats column %d", i+1, prev+1), Err: kb.ErrInvalid}
		}
		col[h] = i
	}
	if len(unknown) > 0 {
		return &Error{Line: 1, Msg: "unknown column " + strings.Join(unknown, ", ") + "; the columns are " + strings.Join(csvColumns, ", "), Err: kb.ErrInvalid}
	}
	var missing []string
	for _, h := range requiredColumns {
		if _, ok := col[h]; !ok {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		return &Error{Line: 1, Msg: "the header lacks the required column " + strings.Join(missing, ", "), Err: kb.ErrInvalid}
	}

	byID := map[string]*csvEntry{}
	var order []*csvEntry
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				return &Error{Line: pe.StartLine, Msg: fmt.Sprintf("the row has %d columns; the header has %d", len(rec), len(header)), Err: kb.ErrInvalid}
			}
			return csvError(in, err, 0)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue // spreadsheets leave rows of empty cells behind
		}
		cell := func(name string) string {
			if i, ok := col[name]; ok {
				return rec[i]
			}
			return ""
		}
		id := strings.TrimSpace(cell("id"))
		if id == "" {
			return &Error{Line: line, Field: "id", Msg: "is required", Err: kb.ErrInvalid}
		}
		lang := strings.TrimSpace(cell("lang"))
		if lang == "" {
			return &Error{Line: line, Field: "lang", Msg: "is required", Err: kb.ErrInvalid}
		}
		ce := byID[id]
		if ce == nil {
			if len(byID) >= c.opts.MaxEntries && c.opts.MaxEntries > 0 {
				return &Error{Line: line, Msg: fmt.Sprintf("too many entries; the limit is %d", c.opts.MaxEntries), Err: kb.ErrInvalid}
			}
			ce = &csvEntry{
				e:        &kb.Entry{ID: id, Variants: map[string]*kb.Variant{}},
				line:     line,
				langLine: map[string]int{},
				setLine:  map[string]int{},
				setText:  map[string]string{},
			}
			byID[id] = ce
			order = append(order, ce)
		}
		for _, name := range entryColumns {
			if err := ce.setEntryCell(name, cell(name), line); err != nil {
				return err
			}
		}
		if prev, dup := ce.langLine[lang]; dup {
			return &Error{Line: line, Field: "lang", Msg: fmt.Sprintf("entry %q already has a %q row at line %d", id, lang, prev), Err: kb.ErrConflict}
		}
		ce.langLine[lang] = line
		v, err := csvVariant(lang, cell)
		if err != nil {
			return fieldError(err, line, nil)
		}
		ce.e.Variants[lang] = v
	}
	for _, ce := range order {
		if err := c.add(ce.e, ce.line, ce.lineOf); err != nil {
			return err
		}
	}
	return nil
}

// setEntryCell takes an entry-level value from a row. Later rows may leave
// the cell empty or repeat the value; a different value is a mistake that
// would otherwise be resolved by row order, silently.
func (ce *csvEntry) setEntryCell(name, text string, line int) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if prev, ok := ce.setLine[name]; ok {
		if !sameEntryCell(name, ce.setText[name], text) {
			return &Error{Line: line, Field: name, Msg: fmt.Sprintf("%s differs from %s at line %d for the same id %q; repeat the value or leave the cell empty",
				quote(text), quote(ce.setText[name]), prev, ce.e.ID), Err: kb.ErrInvalid}
		}
		return nil
	}
	e := ce.e
	switch name {
	case "topic":
		e.Topic = text
	case "agency":
		e.Agency = text
	case "status":
		e.Status = kb.Status(text)
	case "tags":
		e.Tags = splitList(text)
	case "shared":
		b, err := strconv.ParseBool(text)
		if err != nil {
			return &Error{Line: line, Field: name, Msg: fmt.Sprintf("%s is not true or false", quote(text)), Err: kb.ErrInvalid}
		}
		e.Shared = b
	case "overrides":
		e.Overrides = text
	case "adopted_revision":
		n, err := strconv.Atoi(text)
		if err != nil {
			return &Error{Line: line, Field: name, Msg: fmt.Sprintf("%s is not a revision number", quote(text)), Err: kb.ErrInvalid}
		}
		e.AdoptedRevision = n
	case "valid_from", "valid_until":
		t, err := parseTime(name, &text)
		if err != nil {
			return fieldError(err, line, nil)
		}
		if name == "valid_from" {
			e.ValidFrom = t
		} else {
			e.ValidUntil = t
		}
	}
	ce.setLine[name] = line
	ce.setText[name] = text
	return nil
}

// sameEntryCell compares two cells by what they mean, so that "a|b" and
// "a | b" agree.
func sameEntryCell(name, a, b string) bool {
	switch name {
	case "tags":
		return slices.Equal(splitList(a), splitList(b))
	case "valid_from", "valid_until":
		ta, erra := parseTime(name, &a)
		tb, errb := parseTime(name, &b)
		return erra == nil && errb == nil && ta.Equal(*tb)
	}
	return a == b
}

// lineOf places a validation problem on the row of its language.
func (ce *csvEntry) lineOf(field string) int {
	best, line := "", ce.line
	for lang, l := range ce.langLine {
		p := "variants." + lang
		if (field == p || strings.HasPrefix(field, p+".")) && len(lang) >= len(best) {
			best, line = lang, l
		}
	}
	return line
}

func csvVariant(lang string, cell func(string) string) (*kb.Variant, error) {
	field := "variants." + lang
	v := &kb.Variant{
		Question:   cell("question"),
		Alternates: splitList(cell("alternates")),
		Answer:     cell("answer"),
		SMS:        cell("sms"),
		ReviewedBy: cell("reviewed_by"),
	}
	for i, item := range splitList(cell("links")) {
		lt := strings.LastIndex(item, "<")
		if lt < 0 || !strings.HasSuffix(item, ">") {
			return nil, &kb.FieldError{Field: index(field+".links", i), Msg: fmt.Sprintf(
				`%s is not written as "title <url>"; separate links with " | "`, quote(item))}
		}
		v.Links = append(v.Links, kb.Link{
			Title: strings.TrimSpace(item[:lt]),
			URL:   strings.TrimSpace(item[lt+1 : len(item)-1]),
		})
	}
	for _, f := range []struct {
		col string
		dst *bool
	}{{"machine_translated", &v.MachineTranslated}, {"outdated", &v.Outdated}} {
		if x := strings.TrimSpace(cell(f.col)); x != "" {
			b, err := strconv.ParseBool(x)
			if err != nil {
				return nil, &kb.FieldError{Field: field + "." + f.col, Msg: fmt.Sprintf("%s is not true or false", quote(x))}
			}
			*f.dst = b
		}
	}
	at := cell("reviewed_at")
	t, err := parseTime(field+".reviewed_at", &at)
	if err != nil {
		return nil, err
	}
	v.ReviewedAt = t
	return v, nil
}

// splitList splits a multi-valued cell on "|", dropping empty items so that
// a trailing separator does no harm.
func splitList(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, "|") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func csvError(in *input, err error, line int) error {
	if f := in.failure(); f != nil {
		return f
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{Line: pe.Line, Msg: fmt.Sprintf("invalid CSV at column %d: %v", pe.Column, pe.Err), Err: kb.ErrInvalid}
	}
	return &Error{Line: line, Msg: "invalid CSV: " + err.Error(), Err: kb.ErrInvalid}
}

func writeCSV(w io.Writer, entries []*kb.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return err
	}
	ids := map[string]bool{}
	row := make([]string, len(csvColumns))
	for _, e := range entries {
		if err := csvWritable(e); err != nil {
			return fmt.Errorf("kbfile: entry %q cannot be written as CSV: %w", e.ID, err)
		}
		if ids[e.ID] {
			// Read would merge the two entries into one.
			return fmt.Errorf("kbfile: entry %q cannot be written as CSV: the id is used twice: %w", e.ID, kb.ErrConflict)
		}
		ids[e.ID] = true
		fe, err := toFile(e)
		if err != nil {
			return err
		}
		for _, lang := range e.Languages() {
			v := fe.Variants[lang]
			links := make([]string, len(v.Links))
			for i, l := range v.Links {
				links[i] = strings.TrimPrefix(l.Title+" <"+l.URL+">", " ")
			}
			mt, old, shared, adopted := "", "", "", ""
			if e.Shared {
				shared = "true"
			}
			if e.AdoptedRevision != 0 {
				adopted = strconv.Itoa(e.AdoptedRevision)
			}
			if v.MachineTranslated {
				mt = "true"
			}
			if v.Outdated {
				old = "true"
			}
			copy(row, []string{
				e.ID, e.Topic, e.Agency, string(e.Status), strings.Join(e.Tags, " | "),
				deref(fe.ValidFrom), deref(fe.ValidUntil), shared, e.Overrides, adopted,
				lang, v.Question, strings.Join(v.Alternates, " | "), v.Answer, v.SMS,
				strings.Join(links, " | "), mt, old, v.ReviewedBy, deref(v.ReviewedAt),
			})
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// csvWritable reports what of e a CSV file cannot carry so that it reads
// back the same: the list separator inside an item, white space around an
// item (Read trims items), a line break as \r\n (encoding/csv reads it as
// \n), or an entry without rows.
func csvWritable(e *kb.Entry) error {
	bad := func(field, msg string) error {
		return fmt.Errorf("%s: %s: %w", field, msg, kb.ErrInvalid)
	}
	item := func(field, s string) error {
		switch {
		case strings.Contains(s, "\r\n"):
			return bad(field, `contains a \r\n line break`)
		case s == "":
			return bad(field, "is empty")
		case strings.Contains(s, "|"):
			return bad(field, `contains "|", the CSV list separator`)
		case strings.TrimSpace(s) != s:
			return bad(field, "has white space around it")
		}
		return nil
	}
	text := func(field, s string) error {
		if strings.Contains(s, "\r\n") {
			return bad(field, `contains a \r\n line break`)
		}
		return nil
	}
	if len(e.Variants) == 0 {
		return bad("variants", "there are none, and CSV has one row per language")
	}
	for _, f := range []struct{ name, val string }{
		{"id", e.ID}, {"topic", e.Topic}, {"agency", e.Agency}, {"status", string(e.Status)}, {"overrides", e.Overrides},
	} {
		if err := text(f.name, f.val); err != nil {
			return err
		}
		if strings.TrimSpace(f.val) != f.val {
			return bad(f.name, "has white space around it")
		}
	}
	for i, t := range e.Tags {
		if err := item(index("tags", i), t); err != nil {
			return err
		}
	}
	for _, lang := range e.Languages() {
		v := e.Variants[lang]
		field := "variants." + lang
		if v == nil {
			return bad(field, "is nil")
		}
		if strings.TrimSpace(lang) != lang || lang == "" {
			return bad(field, "the language code has white space around it")
		}
		for _, f := range []struct{ name, val string }{
			{"question", v.Question}, {"answer", v.Answer}, {"sms", v.SMS}, {"reviewed_by", v.ReviewedBy},
		} {
			if err := text(field+"."+f.name, f.val); err != nil {
				return err
			}
		}
		for i, a := range v.Alternates {
			if err := item(index(field+".alternates", i), a); err != nil {
				return err
			}
		}
		for i, l := range v.Links {
			f := index(field+".links", i)
			switch {
			case strings.Contains(l.Title+l.URL, "\r\n"):
				return bad(f, `contains a \r\n line break`)
			case strings.ContainsAny(l.Title, "|") || strings.TrimSpace(l.Title) != l.Title:
				return bad(f+".title", `contains "|" or has white space around it`)
			case strings.ContainsAny(l.URL, "|<") || strings.TrimSpace(l.URL) != l.URL:
				return bad(f+".url", `contains "|" or "<" or has white space around it`)
			}
		}
	}
	return nil
}
