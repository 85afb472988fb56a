// The dependency direction of the brief, as a lint rule. Each folder says where its code may
// run; an import that goes the wrong way (core → anything of ours, renderer → Node or Electron,
// anything but Electron main/preload → `electron`) is reported where it is written.
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Ordered: the first layer whose prefix matches a file is its layer. */
export const LAYERS = [
  { name: 'electron-main', prefix: 'electron/main/', mayImport: ['core', 'electron-backend-paths', 'electron-main'], node: true, electron: ['electron/main/main.ts', 'electron/main/preload.ts', 'electron/main/displayPreload.ts'] },
  { name: 'electron-backend-paths', prefix: 'electron/backend/paths.ts', mayImport: [], node: true },
  { name: 'electron-backend', prefix: 'electron/backend/', mayImport: ['core', 'native', 'electron-backend', 'electron-backend-paths'], node: true },
  { name: 'renderer-build', prefix: 'renderer/vite.config.ts', mayImport: [], node: true },
  { name: 'renderer', prefix: 'renderer/', mayImport: ['core', 'renderer'], node: false },
  { name: 'native', prefix: 'native/', mayImport: ['core', 'native'], node: true },
  { name: 'core', prefix: 'core/', mayImport: ['core'], node: false },
  // The console's pages run in the browser: core and themselves, no Node, nothing of central's server.
  { name: 'central-console-build', prefix: 'central/console/vite.config.ts', mayImport: [], node: true },
  { name: 'central-console', prefix: 'central/console/', mayImport: ['core', 'central-console'], node: false },
  { name: 'central', prefix: 'central/', mayImport: ['core', 'central'], node: true },
];

export function layerOf(repoPath) {
  return LAYERS.find((l) => repoPath === l.prefix || repoPath.startsWith(l.prefix)) ?? null;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer direction of the Omnitill brief' },
    schema: [],
    messages: {
      wrongLayer: '{{from}} may not import {{to}} ({{source}}): allowed are {{allowed}}.',
      nodeBuiltin: '{{from}} runs without Node: it may not import the Node built-in "{{source}}".',
      electron: 'Only the Electron main and preload files may import "electron" ({{file}} does).',
    },
  },
  create(context) {
    const root = context.cwd;
    const file = relative(root, context.filename).split(sep).join('/');
    const from = layerOf(file);
    if (!from) return {};

    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source === 'electron' || source.startsWith('electron/')) {
        if (!(from.electron ?? []).includes(file)) context.report({ node, messageId: 'electron', data: { file } });
        return;
      }
      if (NODE_BUILTINS.has(source)) {
        if (!from.node) context.report({ node, messageId: 'nodeBuiltin', data: { from: from.name, source } });
        return;
      }
      if (!source.startsWith('.')) return;
      const target = relative(root, resolve(dirname(context.filename), source)).split(sep).join('/').replace(/\.js$/, '.ts');
      const to = layerOf(target);
      if (!to || to === from) return;
      if (!from.mayImport.includes(to.name)) {
        context.report({ node, messageId: 'wrongLayer', data: { from: from.name, to: to.name, source, allowed: from.mayImport.join(', ') || 'nothing of ours' } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node, node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layers: layersRule } };
