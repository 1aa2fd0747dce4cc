// Taro's preset: React, TypeScript, and the targets' runtime transforms.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
