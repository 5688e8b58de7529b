// The parts of CodeMirror 6 the editor page uses, bundled by build.mjs
// into dist/codemirror.js (one local ES module: the page fetches nothing
// from elsewhere).
export { EditorState, StateEffect } from '@codemirror/state';
export {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  drawSelection,
  hoverTooltip,
} from '@codemirror/view';
export { history, defaultKeymap, historyKeymap, indentWithTab } from '@codemirror/commands';
export {
  StreamLanguage,
  syntaxHighlighting,
  defaultHighlightStyle,
  bracketMatching,
  indentOnInput,
} from '@codemirror/language';
export { linter, lintGutter, lintKeymap, forceLinting } from '@codemirror/lint';
export { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
export { searchKeymap, highlightSelectionMatches } from '@codemirror/search';
