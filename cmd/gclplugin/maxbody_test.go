package gclplugin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMaxBodySetting: max-body reaches the -max-body flag, and a bad value
// is refused as the flag refuses it.
func TestMaxBodySetting(t *testing.T) {
	a := analyzerOf(t, map[string]any{"max-body": 4 << 20})
	assert.Equal(t, "4194304", a.Flags.Lookup("max-body").Value.String())
	assert.Equal(t, "1048576", analyzerOf(t, nil).Flags.Lookup("max-body").Value.String(), "the default is 1 MiB")

	p, err := build(t, map[string]any{"max-body": 0})
	require.Error(t, err)
	assert.Nil(t, p)
	assert.Contains(t, err.Error(), "blockcheck settings: max-body: ")
}
