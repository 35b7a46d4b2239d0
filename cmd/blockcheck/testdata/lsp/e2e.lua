-- Drives Neovim 0.7's built-in LSP client against `blockcheck lsp`
-- (cmd/blockcheck/lsp_test.go). Run as
--   nvim --headless --clean -u NONE -c 'luafile e2e.lua'
-- with BC_CMD (the server command, JSON), BC_ROOT (the module), BC_FILE (the
-- file to open), BC_GOPLS ("1" when the server fronts gopls), BC_GOPLS_SOURCE
-- (a gopls diagnostic source to wait for), BC_CALL (a position for hover
-- and definition), BC_FIX_CODE and BC_IGNORE_CODE (the rules whose quick
-- fix and ignore action to apply) and BC_OUT
-- (where the results go, JSON). The Go test checks the results; this
-- script only fails when the editor cannot get that far.

local out = { steps = {} }
local function step(name) table.insert(out.steps, name) end
local function now_ms() return vim.loop.hrtime() / 1e6 end

local function finish(err)
  out.error = err
  local f = assert(io.open(os.getenv("BC_OUT"), "w"))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qa!")
end

local function run()
  local cmd = vim.fn.json_decode(os.getenv("BC_CMD"))
  local root = os.getenv("BC_ROOT")
  out.messages = {}
  out.progress = {}
  local handlers = {
    ["window/showMessage"] = function(_, result) table.insert(out.messages, result) end,
    ["$/progress"] = function(_, result)
      if type(result.value) == "table" and result.value.title == "blockcheck" or
         type(result.token) == "string" and result.token:find("^blockcheck") then
        table.insert(out.progress, result.value.kind)
      end
    end,
  }
  local t0 = now_ms()
  local id = vim.lsp.start_client({
    name = "blockcheck",
    cmd = cmd,
    root_dir = root,
    handlers = handlers,
    -- Answered to workspace/configuration: the analyzer's own flags.
    settings = { blockcheck = { ["max-body"] = 1048576 } },
  })
  assert(id, "the client did not start")
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("BC_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  local function ours()
    local ds = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.source == "blockcheck" then table.insert(ds, d) end
    end
    return ds
  end
  local function has(code)
    for _, d in ipairs(ours()) do if d.code == code then return d end end
  end

  assert(vim.wait(120000, function() return #ours() > 0 end, 20), "no blockcheck diagnostics within 120 s")
  out.first_diagnostics_ms = now_ms() - t0
  step("diagnostics")
  -- In front of gopls, wait for gopls' own diagnostic too (its analyzers
  -- may publish after blockcheck).
  local want = os.getenv("BC_GOPLS_SOURCE")
  local function wait_gopls()
    if want and want ~= "" then
      vim.wait(90000, function()
        for _, d in ipairs(vim.diagnostic.get(buf)) do
          if d.source == want then return true end
        end
      end, 50)
    end
  end
  wait_gopls()

  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out.diagnostics, {
      source = d.source, code = d.code, severity = d.severity, lnum = d.lnum, message = d.message,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      related = lsp.relatedInformation or {},
    })
  end

  if os.getenv("BC_GOPLS") == "1" then
    -- gopls' own features answer through blockcheck: hover and definition
    -- on the call of a function declared in another package.
    local line, col = unpack(vim.fn.json_decode(os.getenv("BC_CALL")))
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      position = { line = line, character = col },
    }
    local hover = client.request_sync("textDocument/hover", params, 30000, buf)
    out.hover = hover and hover.result and hover.result.contents or vim.NIL
    local def = client.request_sync("textDocument/definition", params, 30000, buf)
    out.definition = def and def.result or vim.NIL
    step("gopls")
  end

  -- Apply a quick fix the way the client does: ask for the code actions at
  -- the diagnostic and apply the chosen action's WorkspaceEdit.
  local function actions_at(d)
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(buf),
      range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } },
      context = { diagnostics = { (d.user_data or {}).lsp } },
    }
    local res = client.request_sync("textDocument/codeAction", params, 30000, buf)
    assert(res and not res.err, "codeAction failed: " .. vim.inspect(res))
    return res.result or {}
  end
  local function apply(action)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or "utf-16")
    local t = now_ms()
    vim.cmd("write")
    return t
  end

  local fixcode = os.getenv("BC_FIX_CODE")
  local d = assert(has(fixcode), "no " .. fixcode .. " diagnostic to fix")
  out.fix_actions = {}
  local fix
  for _, a in ipairs(actions_at(d)) do
    table.insert(out.fix_actions, { title = a.title, kind = a.kind or vim.NIL })
    if not fix and a.edit and a.kind == "quickfix" and not a.title:find("^Ignore") then fix = a end
  end
  assert(fix, "no quick fix for " .. fixcode)
  local saved = apply(fix)
  assert(vim.wait(120000, function() return not has(fixcode) end, 20), fixcode .. " still reported after the fix was saved")
  out.update_after_save_ms = now_ms() - saved
  step("fixed")

  local ignorecode = os.getenv("BC_IGNORE_CODE")
  d = assert(has(ignorecode), "no " .. ignorecode .. " diagnostic to ignore")
  local ignore
  for _, a in ipairs(actions_at(d)) do
    if a.title:find("^Ignore") then ignore = a end
  end
  assert(ignore, "no ignore action for " .. ignorecode)
  out.ignore_title = ignore.title
  apply(ignore)
  assert(vim.wait(120000, function() return not has(ignorecode) end, 20), ignorecode .. " still reported after the ignore line was saved")
  step("ignored")

  wait_gopls() -- gopls republishes after the saves
  out.remaining = {}
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out.remaining, { source = x.source, code = x.code })
  end
  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end

local ok, err = xpcall(run, debug.traceback)
finish(not ok and tostring(err) or vim.NIL)
