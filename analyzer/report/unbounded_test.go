package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestLimitText checks how the bodyread fix writes the -max-body limit.
func TestLimitText(t *testing.T) {
	assert.Equal(t, "1500", limitText(1500))
	assert.Equal(t, "1<<20", limitText(1<<20))
}
