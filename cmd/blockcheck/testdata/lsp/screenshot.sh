#!/usr/bin/env bash
# Takes docs/editors-nvim.png: Neovim (Debian's 0.7) running `blockcheck lsp`
# on a copy of the demo in a tmux window, captured with its colours and
# rendered to PNG with ImageMagick. Needs nvim, tmux, ImageMagick
# (apt-get install neovim tmux imagemagick) and Go.
#   bash cmd/blockcheck/testdata/lsp/screenshot.sh [out.png]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=${1:-$repo/docs/editors-nvim.png}
tmp=$(mktemp -d)
trap 'tmux kill-session -t blockcheck-shot 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$tmp"' EXIT

go build -C "$repo" -o "$tmp/blockcheck" ./cmd/blockcheck
cp -r "$repo/testdata/demo" "$tmp/demo"
(cd "$tmp/demo" && go mod edit -replace=github.com/blockcheck/blockcheck="$repo")

tmux new-session -d -s blockcheck-shot -x 150 -y 42 \
	"cd $tmp/demo && BC_CMD='[\"$tmp/blockcheck\",\"lsp\"]' BC_ROOT=$tmp/demo BC_FILE=$tmp/demo/internal/report/invoice.go \
	TERM=tmux-256color nvim --clean -u $here/screenshot.lua"
# Wait for the code action menu (its prompt) to be on screen.
for _ in $(seq 1 240); do
	if tmux capture-pane -p -t blockcheck-shot | grep -q "Type number"; then break; fi
	sleep 0.5
done
sleep 0.5
tmux capture-pane -p -e -t blockcheck-shot >"$tmp/screen.ansi"
python3 "$here/ansi2mvg.py" <"$tmp/screen.ansi" >"$tmp/screen.mvg"
# The first convert on PATH that is ImageMagick's.
IFS=: read -ra dirs <<<"$PATH"
for d in "${dirs[@]}"; do
	if [[ -x $d/convert ]] && "$d/convert" -version 2>/dev/null | grep -q ImageMagick; then
		"$d/convert" "mvg:$tmp/screen.mvg" -depth 8 "$out"
		echo "wrote $out"
		exit 0
	fi
done
echo "no ImageMagick convert on PATH (apt-get install imagemagick)" >&2
exit 1
