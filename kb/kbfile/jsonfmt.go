package kbfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
)

// maxLine bounds a JSON Lines line. It is far above any valid entry, so an
// over-long answer still gets kb's message about the answer limit, yet it
// stops a file without newlines from being read into memory whole.
const maxLine = 16 << 20

func readJSONL(in *input, c *collector) error {
	br := bufio.NewReaderSize(in, 64<<10)
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		var err error
		for {
			var frag []byte
			frag, err = br.ReadSlice('\n')
			if len(buf)+len(frag) > maxLine {
				return &Error{Line: line, Msg: fmt.Sprintf("the line is longer than %d MiB", maxLine>>20), Err: kb.ErrInvalid}
			}
			buf = append(buf, frag...)
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			if f := in.failure(); f != nil {
				return f
			}
			return &Error{Line: line, Msg: "cannot read: " + err.Error(), Err: err}
		}
		if len(bytes.TrimSpace(buf)) > 0 {
			fe, derr := decodeEntry(buf, line, true)
			if derr != nil {
				return derr
			}
			e, ferr := fromFile(fe)
			if ferr != nil {
				return fieldError(ferr, line, nil)
			}
			if aerr := c.add(e, line, nil); aerr != nil {
				return aerr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

func readJSON(in *input, c *collector) error {
	in.track = true
	dec := json.NewDecoder(in)
	tok, err := dec.Token()
	if err == io.EOF {
		return nil
	}
	if err != nil {
		return jsonStreamError(in, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		msg := "a .json file must be a JSON array of entries: [{...}, {...}]"
		if d == '{' {
			msg += "; for one entry object per line, name the file .jsonl"
		}
		return &Error{Line: in.lineAt(dec.InputOffset()), Msg: msg, Err: kb.ErrInvalid}
	}
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return jsonStreamError(in, err)
		}
		line := in.lineAt(dec.InputOffset() - int64(len(raw)))
		fe, err := decodeEntry(raw, line, false)
		if err != nil {
			return err
		}
		e, err := fromFile(fe)
		if err != nil {
			return fieldError(err, line, nil)
		}
		if err := c.add(e, line, nil); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		return jsonStreamError(in, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err != nil {
			return jsonStreamError(in, err)
		}
		return &Error{Line: in.lineAt(dec.InputOffset()), Msg: "unexpected JSON after the closing ] of the array of entries", Err: kb.ErrInvalid}
	}
	return nil
}

// jsonStreamError explains an error of the JSON array decoder.
func jsonStreamError(in *input, err error) error {
	if f := in.failure(); f != nil {
		return f
	}
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return &Error{Line: in.lineAt(se.Offset), Msg: "invalid JSON: " + se.Error(), Err: kb.ErrInvalid}
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return &Error{Line: in.lastLine(), Msg: "invalid JSON: the file ends inside the array of entries; is a ] or } missing?", Err: kb.ErrInvalid}
	}
	return &Error{Line: in.lastLine(), Msg: "invalid JSON: " + err.Error(), Err: kb.ErrInvalid}
}

// decodeEntry decodes one entry object that starts at line. raw is a JSON
// Lines line (isLine: a column is worth giving, as the line can be long) or
// one element of a JSON array (pretty-printed, so the line is enough).
func decodeEntry(raw []byte, line int, isLine bool) (*fileEntry, error) {
	at := func(off int64) (int, string) {
		if off < 0 || off > int64(len(raw)) {
			off = int64(len(raw))
		}
		before := raw[:off]
		l := line + bytes.Count(before, []byte("\n"))
		if !isLine {
			return l, ""
		}
		return l, " at column " + strconv.Itoa(utf8.RuneCount(before)+1)
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	if what := jsonKind(trimmed); what != "an object" && what != "" && json.Valid(raw) {
		msg := fmt.Sprintf("is %s, not an entry object {...}", what)
		if what == "an array" && isLine {
			msg += "; for a JSON array of entries, name the file .json"
		}
		return nil, &Error{Line: line, Msg: msg, Err: kb.ErrInvalid}
	}
	var fe fileEntry
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&fe)
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		l, col := at(se.Offset - 1) // Offset is just past the offending byte
		return nil, &Error{Line: l, Msg: "invalid JSON" + col + ": " + se.Error(), Err: kb.ErrInvalid}
	case errors.Is(err, io.ErrUnexpectedEOF):
		l, col := at(int64(len(raw)))
		return nil, &Error{Line: l, Msg: "invalid JSON" + col + ": the entry object is not closed; is a } or \" missing?", Err: kb.ErrInvalid}
	}
	// The walker runs on every entry, not just on failure: encoding/json
	// takes "ID" for "id" and lets a repeated key silently replace the
	// first, and an editor should hear about both.
	if p := walkJSON(raw); p != nil {
		l, _ := at(p.off)
		return nil, &Error{Line: l, Field: p.path, Msg: p.msg, Err: kb.ErrInvalid}
	}
	if err != nil {
		// The walker missed what encoding/json found; say it its way.
		return nil, &Error{Line: line, Msg: err.Error(), Err: kb.ErrInvalid}
	}
	if rest := bytes.TrimSpace(raw[dec.InputOffset():]); len(rest) > 0 {
		l, col := at(int64(len(raw) - len(bytes.TrimLeft(raw[dec.InputOffset():], " \t\r\n"))))
		return nil, &Error{Line: l, Msg: "unexpected text" + col + " after the entry object; put one entry per line", Err: kb.ErrInvalid}
	}
	return &fe, nil
}

// jsonKind names the kind of JSON value b starts with, or returns "" if b
// does not start like JSON, which the decoder then explains.
func jsonKind(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if b[0] == '-' || '0' <= b[0] && b[0] <= '9' {
		return "a number"
	}
	return ""
}

// problem is what a walker found wrong with an entry: where and what.
type problem struct {
	off  int64 // JSON: offset in the entry's text
	line int   // YAML
	path string
	msg  string
}

// walkJSON checks raw, a syntactically valid entry object, against the
// entry schema: exact field names, no repeated keys, and the right kind
// of value for each field, reporting the first problem in text order with
// its dotted path.
func walkJSON(raw []byte) *problem {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	p, _ := walkJSONValue(dec, entrySchema, "")
	return p
}

func walkJSONValue(dec *json.Decoder, s *schema, path string) (*problem, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	end := dec.InputOffset()
	mismatch := func(got string) (*problem, error) {
		return &problem{off: end, path: path, msg: fmt.Sprintf("is %s; want %s", got, s.wantJSON())}, nil
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			if s.kind != kObject && s.kind != kMap {
				return mismatch("an object")
			}
			seen := map[string]int64{}
			for dec.More() {
				ktok, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := ktok.(string)
				koff := dec.InputOffset()
				sub := s.elem
				if s.kind == kObject {
					if sub = s.fields[key]; sub == nil {
						return &problem{off: koff, path: join(path, key), msg: s.unknownField(key)}, nil
					}
				}
				if _, dup := seen[key]; dup {
					return &problem{off: koff, path: join(path, key), msg: "appears twice in the same object"}, nil
				}
				seen[key] = koff
				if p, err := walkJSONValue(dec, sub, join(path, key)); p != nil || err != nil {
					return p, err
				}
			}
		case '[':
			if s.kind != kList {
				return mismatch("an array")
			}
			for i := 0; dec.More(); i++ {
				if p, err := walkJSONValue(dec, s.elem, index(path, i)); p != nil || err != nil {
					return p, err
				}
			}
		}
		_, err := dec.Token() // the closing } or ]
		return nil, err
	case string:
		if s.kind != kString {
			return mismatch("a string")
		}
	case json.Number:
		if s.kind != kInt {
			return mismatch("a number")
		}
		if _, err := strconv.ParseInt(t.String(), 10, strconv.IntSize); err != nil {
			return &problem{off: end, path: path, msg: fmt.Sprintf("%s is not a whole number in range", t)}, nil
		}
	case bool:
		if s.kind != kBool {
			return mismatch("true or false")
		}
	}
	return nil, nil // null fits every field
}

func (s *schema) wantJSON() string {
	switch s.kind {
	case kString:
		return "a string"
	case kInt:
		return "a whole number"
	case kBool:
		return "true or false"
	case kList:
		if s.elem.kind == kString {
			return `an array of strings, such as ["a", "b"]`
		}
		return "an array of objects"
	}
	return "an object"
}

func writeJSONL(w io.Writer, entries []*kb.Entry) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range entries {
		fe, err := toFile(e)
		if err != nil {
			return err
		}
		if err := enc.Encode(fe); err != nil {
			return err
		}
	}
	return nil
}

func writeJSON(w io.Writer, entries []*kb.Entry) error {
	if len(entries) == 0 {
		_, err := io.WriteString(w, "[]\n")
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("  ", "  ")
	if _, err := io.WriteString(w, "[\n"); err != nil {
		return err
	}
	for i, e := range entries {
		fe, err := toFile(e)
		if err != nil {
			return err
		}
		buf.Reset()
		buf.WriteString("  ")
		if err := enc.Encode(fe); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
		if i < len(entries)-1 {
			buf.WriteByte(',')
		}
		buf.WriteByte('\n')
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]\n")
	return err
}
