package kbfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/sportello/sportello/kb"
)

// progressStep is how many bytes pass between two Progress calls: often
// enough for a smooth bar, rare enough to cost nothing.
const progressStep = 64 << 10

// counter counts the bytes taken from the caller's reader, before the BOM is
// dropped, so that Progress can be compared with the file's size.
type counter struct {
	r        io.Reader
	n        int64
	reported int64
	progress func(int64)
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.progress != nil && c.n-c.reported >= progressStep {
		c.reported = c.n
		c.progress(c.n)
	}
	return n, err
}

// done reports the final count, so that a progress bar always reaches the end.
func (c *counter) done() {
	if c.progress != nil && c.n != c.reported {
		c.reported = c.n
		c.progress(c.n)
	}
}

var bom = []byte("\uFEFF")

// input is what every format decoder reads from. It checks UTF-8 as the
// bytes pass, because encoding/json and encoding/csv would otherwise turn a
// Latin-1 file into replacement characters or garbage without a word; it
// drops a leading byte order mark, which Windows editors and Excel write;
// and, for the JSON array decoder, it remembers where lines end, so that a
// stream offset can be turned into a line number without holding the file.
type input struct {
	cnt     *counter
	br      *bufio.Reader
	started bool

	pos       int64 // offset, after the BOM, of the next byte to check
	lines     int   // newlines checked so far
	lineStart int64 // offset where the current line starts

	carry    [utf8.UTFMax]byte // start of a rune split between two reads
	ncarry   int
	carryPos int64

	pending error // an error to hand over once the bytes before it are consumed
	err     error // the error handed over; every later Read repeats it

	track  bool    // whether to record newline offsets for lineAt
	nl     []int64 // offsets of newlines not yet passed by lineAt
	nlDone int     // newlines already passed by lineAt
}

func newInput(r io.Reader, progress func(int64)) *input {
	c := &counter{r: r, progress: progress}
	return &input{cnt: c, br: bufio.NewReaderSize(c, 64<<10)}
}

func (in *input) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if in.err != nil {
		return 0, in.err
	}
	if in.pending != nil {
		in.err = in.pending
		return 0, in.err
	}
	if !in.started {
		in.started = true
		if b, _ := in.br.Peek(len(bom)); bytes.Equal(b, bom) {
			in.br.Discard(len(bom))
		}
	}
	for {
		n, err := in.br.Read(p)
		if err != nil && err != io.EOF {
			in.pending = &Error{Msg: "cannot read: " + err.Error(), Err: err}
		}
		if k, bad := in.check(p[:n]); bad != nil {
			// Hand over the good bytes first, so that a decoder reports an
			// earlier problem before this one.
			in.pending = bad
			n = k
		} else if err == io.EOF && in.ncarry > 0 {
			in.pending = in.badUTF8(in.carryPos, in.carry[0])
		}
		if in.pending != nil {
			if n > 0 {
				return n, nil
			}
			in.err = in.pending
			return 0, in.err
		}
		if n > 0 || err != nil {
			return n, err
		}
	}
}

// check validates b, which follows what was checked before, and returns
// how many of its bytes may be handed over and the error for the first
// invalid byte, if any.
func (in *input) check(b []byte) (int, error) {
	for i := 0; i < len(b); {
		if in.ncarry > 0 {
			in.carry[in.ncarry] = b[i]
			in.ncarry++
			i++
			if !utf8.FullRune(in.carry[:in.ncarry]) {
				continue
			}
			if r, size := utf8.DecodeRune(in.carry[:in.ncarry]); r == utf8.RuneError && size <= 1 {
				return 0, in.badUTF8(in.carryPos, in.carry[0])
			}
			in.ncarry = 0
			continue
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				off := in.pos + int64(i)
				in.lines++
				in.lineStart = off + 1
				if in.track {
					in.nl = append(in.nl, off)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(b[i:]) {
				in.ncarry = copy(in.carry[:], b[i:])
				in.carryPos = in.pos + int64(i)
				break
			}
			in.pos += int64(i)
			return i, in.badUTF8(in.pos, c)
		}
		i += size
	}
	in.pos += int64(len(b))
	return len(b), nil
}

func (in *input) badUTF8(off int64, c byte) error {
	return &Error{
		Line: in.lines + 1,
		Msg: fmt.Sprintf("invalid UTF-8 (byte 0x%02X at byte %d of the line); save the file as UTF-8",
			c, off-in.lineStart+1),
		Err: kb.ErrInvalid,
	}
}

// lineAt returns the line of stream offset off. Offsets must not decrease
// from one call to the next; that lets it forget the newlines it passed.
func (in *input) lineAt(off int64) int {
	i := 0
	for i < len(in.nl) && in.nl[i] < off {
		i++
	}
	in.nlDone += i
	in.nl = in.nl[i:]
	return in.nlDone + 1
}

// lastLine is the line the input ended on, for errors at the end of a file.
func (in *input) lastLine() int {
	if in.lineStart == in.pos && in.lines > 0 {
		return in.lines
	}
	return in.lines + 1
}

// failure returns the error input handed to the decoder, if any; it
// explains a decoder's failure better than the decoder can.
func (in *input) failure() error { return in.err }
