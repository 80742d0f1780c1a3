package kbfile

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/sportello/sportello/kb"
)

func readYAML(in *input, c *collector) (err error) {
	// yaml.v3 is a port of C code and has panicked on hostile input before;
	// a bad upload must cost an error, not the server.
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Msg: fmt.Sprintf("invalid YAML: the parser failed (%v)", r), Err: kb.ErrInvalid}
		}
	}()
	dec := yaml.NewDecoder(in)
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil
		}
		return yamlError(in, err, 0)
	}
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		if err != nil {
			return yamlError(in, err, 0)
		}
		return &Error{Line: next.Line, Msg: "a second YAML document (after ---); put all entries in one list", Err: kb.ErrInvalid}
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	switch {
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
		return nil
	case root.Kind != yaml.SequenceNode:
		return &Error{Line: root.Line, Msg: `a YAML knowledge-base file must be a list of entries, each starting with "- "`, Err: kb.ErrInvalid}
	}
	for _, item := range root.Content {
		line := item.Line
		if item.Kind != yaml.MappingNode {
			return &Error{Line: line, Msg: "the entry is " + yamlKind(item) + `; want a mapping of fields such as "id: ..."`, Err: kb.ErrInvalid}
		}
		if p := walkYAML(item, entrySchema, ""); p != nil {
			return &Error{Line: p.line, Field: p.path, Msg: p.msg, Err: kb.ErrInvalid}
		}
		var fe fileEntry
		if err := item.Decode(&fe); err != nil {
			return yamlError(in, err, line)
		}
		e, err := fromFile(&fe)
		if err != nil {
			return fieldError(err, line, nil)
		}
		if err := c.add(e, line, nil); err != nil {
			return err
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?(?:unmarshal errors:\n\s*)?line (\d+): (.*)`)

// yamlError turns yaml.v3's "yaml: line 3: ..." text into an *Error with
// the line in its place.
func yamlError(in *input, err error, line int) error {
	if f := in.failure(); f != nil {
		return f
	}
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			line, msg = n, m[2]
		}
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return &Error{Line: line, Msg: "invalid YAML: " + msg, Err: kb.ErrInvalid}
}

// walkYAML checks n against s as walkJSON does for JSON. It also refuses
// aliases: they are of no use in a list of FAQ entries, and following them
// is how a ten-line file expands into gigabytes.
func walkYAML(n *yaml.Node, s *schema, path string) *problem {
	if n.Kind == yaml.AliasNode {
		return &problem{line: n.Line, path: path, msg: "aliases (*" + n.Value + ") are not supported; write the value out"}
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil // null fits every field
	}
	mismatch := func() *problem {
		return &problem{line: n.Line, path: path, msg: fmt.Sprintf("is %s; want %s", yamlKind(n), s.wantYAML())}
	}
	switch s.kind {
	case kString:
		if n.Kind != yaml.ScalarNode {
			return mismatch()
		}
	case kInt:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			return mismatch()
		}
	case kBool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			return mismatch()
		}
	case kList:
		if n.Kind != yaml.SequenceNode {
			return mismatch()
		}
		for i, item := range n.Content {
			if p := walkYAML(item, s.elem, index(path, i)); p != nil {
				return p
			}
		}
	case kObject, kMap:
		if n.Kind != yaml.MappingNode {
			return mismatch()
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return &problem{line: k.Line, path: path, msg: "has a key that is " + yamlKind(k) + "; keys must be plain names"}
			}
			key := k.Value
			sub := s.elem
			if s.kind == kObject {
				if sub = s.fields[key]; sub == nil {
					return &problem{line: k.Line, path: join(path, key), msg: s.unknownField(key)}
				}
			}
			if prev, dup := seen[key]; dup {
				return &problem{line: k.Line, path: join(path, key), msg: fmt.Sprintf("appears twice (also at line %d)", prev)}
			}
			seen[key] = k.Line
			if p := walkYAML(v, sub, join(path, key)); p != nil {
				return p
			}
		}
	}
	return nil
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "empty"
		case "!!int", "!!float":
			return "a number"
		case "!!bool":
			return "a boolean"
		}
		return "text"
	}
	return "empty"
}

func (s *schema) wantYAML() string {
	switch s.kind {
	case kString:
		return "text"
	case kInt:
		return "a whole number"
	case kBool:
		return "true or false"
	case kList:
		if s.elem.kind == kString {
			return `a list of text, such as [a, b] or lines starting with "- "`
		}
		return `a list of mappings, lines starting with "- "`
	}
	return `a mapping of "key: value" lines`
}

func writeYAML(w io.Writer, entries []*kb.Entry) error {
	root := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, e := range entries {
		fe, err := toFile(e)
		if err != nil {
			return err
		}
		root.Content = append(root.Content, yamlNode(reflect.ValueOf(fe).Elem()))
	}
	if len(root.Content) == 0 {
		root.Style = yaml.FlowStyle
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return err
	}
	return enc.Close()
}

// yamlNode builds the YAML tree of a file type by hand. yaml.Node.Encode
// would be shorter, but it works by printing and parsing again and loses
// texts on the way (a lone "\n" comes back empty).
func yamlNode(v reflect.Value) *yaml.Node {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		return yamlNode(v.Elem())
	case reflect.String:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v.String(), Style: textStyle(v.String())}
	case reflect.Int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(v.Int(), 10)}
	case reflect.Bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v.Bool())}
	case reflect.Slice:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for i := range v.Len() {
			n.Content = append(n.Content, yamlNode(v.Index(i)))
		}
		if len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.Map:
		if v.IsNil() {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			n.Content = append(n.Content, yamlNode(k), yamlNode(v.MapIndex(k)))
		}
		if len(n.Content) == 0 {
			n.Style = yaml.FlowStyle
		}
		return n
	case reflect.Struct:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for i := range v.NumField() {
			name, opts, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
			fv := v.Field(i)
			if opts == "omitempty" && fv.IsZero() || opts == "omitempty" && fv.Kind() == reflect.Slice && fv.Len() == 0 {
				continue
			}
			n.Content = append(n.Content, yamlNode(reflect.ValueOf(name)), yamlNode(fv))
		}
		return n
	}
	panic("kbfile: cannot write " + v.Type().String() + " as YAML")
}

// textStyle picks how a text is quoted. yaml.v3 would write any text with
// a line break as a literal block, and some of those do not read back the
// same, so only texts that a block holds faithfully get one: an answer of
// several lines stays readable, and the rest are double-quoted with
// escapes. Style 0 leaves the choice between plain and quoted to yaml.v3,
// which quotes what would otherwise read back as a number, a date or null.
func textStyle(s string) yaml.Style {
	switch {
	case literalSafe(s):
		return yaml.LiteralStyle
	case strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && !unicode.IsPrint(r) }):
		return yaml.DoubleQuotedStyle
	}
	return 0
}

// literalSafe reports whether s has several lines and reads back unchanged
// from a literal block: no leading white space or line break, no trailing
// one (the block's "|-" drops it), no white space at the end of a line,
// and nothing but printable characters.
func literalSafe(s string) bool {
	if !strings.Contains(s, "\n") || s[0] == ' ' || s[0] == '\n' || s[len(s)-1] == '\n' || s[len(s)-1] == ' ' {
		return false
	}
	for i, r := range s {
		switch {
		case r == '\n':
			if s[i-1] == ' ' {
				return false
			}
		case r != ' ' && !unicode.IsPrint(r):
			return false
		}
	}
	return true
}
