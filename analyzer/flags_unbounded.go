package analyzer

import (
	"fmt"
	"strconv"
)

// defaultMaxBody is the -max-body default: 1 MiB.
const defaultMaxBody = 1 << 20

// byteSize is the -max-body flag: a positive number of bytes.
type byteSize int64

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	n, err := strconv.ParseInt(s, 0, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("want a positive number of bytes, got %q", s)
	}
	*b = byteSize(n)
	return nil
}
