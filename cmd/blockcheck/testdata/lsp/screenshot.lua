-- The screenshot in docs/editors.md: Neovim 0.7 with `blockcheck lsp`
-- (standalone) on the demo, at the execnoctx finding, with the quick fix
-- menu open. screenshot.sh runs it in tmux and renders the screen.
vim.o.termguicolors = false
vim.o.number = true
vim.o.signcolumn = "yes"
vim.o.laststatus = 2
vim.cmd("syntax on")
vim.diagnostic.config({ virtual_text = { source = "always" }, severity_sort = true })

local id = vim.lsp.start_client({
  name = "blockcheck",
  cmd = vim.fn.json_decode(os.getenv("BC_CMD")),
  root_dir = os.getenv("BC_ROOT"),
})
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("BC_FILE")))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(120000, function() return #vim.diagnostic.get(buf) >= 2 end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == "execnoctx" then
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  end
end
vim.cmd("normal! zz")
vim.cmd("redraw")
-- The client's own code action menu (vim.ui.select: a numbered list).
vim.defer_fn(function() vim.lsp.buf.code_action() end, 200)
