<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>Breadcrumb</name>
    <message>
        <source>Back to the model {0}</source>
        <translation>모델 {0}(으)로 돌아가기</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <source>Cannot connect: {0}</source>
        <translation>연결할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>output {0} ({1}): drag to an input to wire</source>
        <translation>출력 {0} ({1}): 입력으로 끌어다 놓아 연결하세요</translation>
    </message>
    <message>
        <source>output: drag to an input to wire</source>
        <translation>출력: 입력으로 끌어다 놓아 연결하세요</translation>
    </message>
    <message>
        <source>input {0} ({1})</source>
        <translation>입력 {0} ({1})</translation>
    </message>
    <message>
        <source>input {0}</source>
        <translation>입력 {0}</translation>
    </message>
    <message>
        <source>refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>OUT</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>shared layer {0}: these nodes use the same weights</source>
        <translation>공유 레이어 {0}: 이 노드들은 같은 가중치를 씁니다</translation>
    </message>
    <message>
        <source>Drag a layer here from the Layers panel, press Tab to search for one, or open an example from File → Examples. A model starts with an InputLayer.</source>
        <extracomment>The smallest zoom at which a node&apos;s texts can still be read (a document opens at this zoom or larger).</extracomment>
        <translation>레이어 패널에서 레이어를 이곳으로 끌어 오거나, Tab 키로 레이어를 찾거나, 파일 → 예제에서 예제를 여세요. 모델은 InputLayer로 시작합니다.</translation>
    </message>
</context>
<context>
    <name>Clipboard</name>
    <message>
        <source>the clipboard holds no Layerwire nodes</source>
        <translation>클립보드에 Layerwire 노드가 없습니다</translation>
    </message>
    <message>
        <source>the clipboard&apos;s nodes are damaged: {0}</source>
        <translation>클립보드의 노드가 손상되었습니다: {0}</translation>
    </message>
</context>
<context>
    <name>CompareRuns</name>
    <message>
        <source>Run {0}</source>
        <translation>실행 {0}</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Compare Runs</source>
        <translation>학습 실행 비교</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>지표:</translation>
    </message>
    <message>
        <source>This project has no training runs yet.</source>
        <translation>이 프로젝트에는 아직 학습 기록이 없습니다.</translation>
    </message>
</context>
<context>
    <name>Core</name>
    <message>
        <source>Unknown activation; expected one of {names}. Received: activation={name!r}</source>
        <translation>알 수 없는 활성화 함수입니다. 다음 중 하나여야 합니다: {names}. 받은 값: activation={name!r}</translation>
    </message>
    <message>
        <source>{name} needs an array named {array!r}; it holds {names}</source>
        <translation>{name}에 {array!r}라는 배열이 필요합니다. 들어 있는 배열: {names}</translation>
    </message>
    <message>
        <source>{path} does not exist</source>
        <translation>{path} 파일이 없습니다</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path}은(는) 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>{path} cannot be read ({error})</source>
        <translation>{path}을(를) 읽을 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>The model has {count} inputs ({names}); a .npy file holds one array. Use a .npz keyed by input name</source>
        <translation>모델의 입력은 {count}개({names})인데 .npy 파일에는 배열이 하나만 들어갑니다. 입력 이름을 키로 하는 .npz를 쓰세요</translation>
    </message>
    <message>
        <source>The model has {count} outputs; write them to a .npz file, not a .npy</source>
        <translation>모델의 출력이 {count}개입니다. .npy가 아니라 .npz 파일로 쓰세요</translation>
    </message>
    <message>
        <source>no arrays</source>
        <translation>배열 없음</translation>
    </message>
    <message>
        <source>there is no node {node}</source>
        <translation>노드 {node}이(가) 없습니다</translation>
    </message>
    <message>
        <source>input {port} of node {node} has no wire</source>
        <translation>노드 {node}의 입력 {port}에 연결이 없습니다</translation>
    </message>
    <message>
        <source>there is no layer {name!r}</source>
        <translation>{name!r} 레이어가 없습니다</translation>
    </message>
    <message>
        <source>{where}: expected {expected}; found {found}</source>
        <translation>{where}: 기대한 것은 {expected}, 받은 값은 {found}입니다</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>객체</translation>
    </message>
    <message>
        <source>text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>리스트</translation>
    </message>
    <message>
        <source>{where}: the field {key!r} is missing</source>
        <translation>{where}: {key!r} 필드가 없습니다</translation>
    </message>
    <message>
        <source>{source} is not a Layerwire project (no &quot;format&quot;: &quot;layerwire&quot;)</source>
        <translation>{source}은(는) Layerwire 프로젝트가 아닙니다 (&quot;format&quot;: &quot;layerwire&quot;가 없습니다)</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>정수</translation>
    </message>
    <message>
        <source>{source} has format_version {version}; this Layerwire reads versions 1 to {newest}</source>
        <translation>{source}의 format_version은 {version}입니다. 이 Layerwire는 버전 1부터 {newest}까지 읽습니다</translation>
    </message>
    <message>
        <source>a list of objects</source>
        <translation>객체의 리스트</translation>
    </message>
    <message>
        <source>the model has more than {most} nodes or layers</source>
        <translation>모델의 노드나 레이어가 {most}개보다 많습니다</translation>
    </message>
    <message>
        <source>a layer type name</source>
        <translation>레이어 종류 이름</translation>
    </message>
    <message>
        <source>an object with dtype, shape and data</source>
        <translation>dtype, shape, data가 있는 객체</translation>
    </message>
    <message>
        <source>a list of sizes</source>
        <translation>크기의 리스트</translation>
    </message>
    <message>
        <source>base64 text</source>
        <translation>base64 텍스트</translation>
    </message>
    <message>
        <source>{where}: shape {shape} needs {size} bytes; the data holds a different size</source>
        <translation>{where}: 모양 {shape}에는 {size}바이트가 필요한데 데이터의 크기가 다릅니다</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}: {problem}</translation>
    </message>
    <message>
        <source>{where}: the layer name {name!r} is used twice</source>
        <translation>{where}: 레이어 이름 {name!r}이(가) 두 번 쓰였습니다</translation>
    </message>
    <message>
        <source>a layer name</source>
        <translation>레이어 이름</translation>
    </message>
    <message>
        <source>model.layers: the layer {name!r} is called by no node</source>
        <translation>model.layers: {name!r} 레이어를 호출하는 노드가 없습니다</translation>
    </message>
    <message>
        <source>{where}.data is not valid base64</source>
        <translation>{where}.data가 올바른 base64가 아닙니다</translation>
    </message>
    <message>
        <source>{where}: there is no layer {name!r}</source>
        <translation>{where}: {name!r} 레이어가 없습니다</translation>
    </message>
    <message>
        <source>{path} cannot be read (permission denied)</source>
        <translation>{path}을(를) 읽을 수 없습니다 (권한이 없습니다)</translation>
    </message>
    <message>
        <source>{where} ({layer}): {problem}</source>
        <translation>{where} ({layer}): {problem}</translation>
    </message>
    <message>
        <source>[x, y] numbers</source>
        <translation>[x, y] 숫자</translation>
    </message>
    <message>
        <source>a positive id used once</source>
        <translation>한 번만 쓰인 양수 id</translation>
    </message>
    <message>
        <source>a node id</source>
        <translation>노드 id</translation>
    </message>
    <message>
        <source>null or a list of node ids</source>
        <translation>null 또는 노드 id의 리스트</translation>
    </message>
    <message>
        <source>{where}: the layer needs weights {want}; the file holds {found}</source>
        <translation>{where}: 레이어에 필요한 가중치는 {want}인데 파일에는 {found}이(가) 있습니다</translation>
    </message>
    <message>
        <source>A layer name must be non-empty text without &apos;/&apos;. Received: {name!r}</source>
        <translation>레이어 이름은 &apos;/&apos;가 없고 비어 있지 않은 텍스트여야 합니다. 받은 값: {name!r}</translation>
    </message>
    <message>
        <source>{layer} is an {type} and takes no inputs</source>
        <translation>{layer}({type})은(는) 입력을 받지 않습니다</translation>
    </message>
    <message>
        <source>{layer} ({type}) takes {arity}; it has no input {port}</source>
        <translation>{layer}({type})은(는) 입력을 {arity} 받습니다. 입력 {port}은(는) 없습니다</translation>
    </message>
    <message>
        <source>input {port} of {layer} is already wired to {other}</source>
        <translation>{layer}의 입력 {port}은(는) 이미 {other}에 연결되어 있습니다</translation>
    </message>
    <message>
        <source>{layer} cannot feed itself: the wire would make a cycle</source>
        <translation>{layer}은(는) 자기 자신에게 연결할 수 없습니다: 연결하면 순환이 생깁니다</translation>
    </message>
    <message>
        <source>the wire would make a cycle: {path}</source>
        <translation>연결하면 순환이 생깁니다: {path}</translation>
    </message>
    <message>
        <source>node {node} exists already</source>
        <translation>노드 {node}이(가) 이미 있습니다</translation>
    </message>
    <message>
        <source>node {node} still has wires</source>
        <translation>노드 {node}에 아직 연결이 있습니다</translation>
    </message>
    <message>
        <source>node {node} is still marked as an output</source>
        <translation>노드 {node}이(가) 아직 출력으로 지정되어 있습니다</translation>
    </message>
    <message>
        <source>there is no wire {wire}</source>
        <translation>연결 {wire}이(가) 없습니다</translation>
    </message>
    <message>
        <source>a layer named {name!r} exists already</source>
        <translation>이름이 {name!r}인 레이어가 이미 있습니다</translation>
    </message>
    <message>
        <source>A model name must be non-empty text without &apos;/&apos;. Received: {name!r}</source>
        <translation>모델 이름은 &apos;/&apos;가 없고 비어 있지 않은 텍스트여야 합니다. 받은 값: {name!r}</translation>
    </message>
    <message>
        <source>the node must call the layer given with it</source>
        <translation>노드는 함께 주어진 레이어를 호출해야 합니다</translation>
    </message>
    <message>
        <source>a node can be marked as an output only once</source>
        <translation>한 노드는 출력으로 한 번만 지정할 수 있습니다</translation>
    </message>
    <message>
        <source>{layer} is an {type} and cannot be called twice</source>
        <translation>{layer}({type})은(는) 두 번 호출할 수 없습니다</translation>
    </message>
    <message>
        <source>{path} is not a model file Layerwire reads; expected {suffixes}, received {suffix!r}</source>
        <translation>{path}은(는) Layerwire가 읽는 모델 파일이 아닙니다. 읽는 확장자: {suffixes}, 받은 확장자: {suffix!r}</translation>
    </message>
    <message>
        <source>no extension</source>
        <translation>확장자 없음</translation>
    </message>
    <message>
        <source>Layerwire cannot export {format!r}; it exports {formats}</source>
        <translation>Layerwire는 {format!r} 형식으로 내보낼 수 없습니다. 내보낼 수 있는 형식: {formats}</translation>
    </message>
    <message>
        <source>the config</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>{source}: {path}</source>
        <translation>{source}: {path}</translation>
    </message>
    <message>
        <source>{where}.{field}</source>
        <translation>{where}.{field}</translation>
    </message>
    <message>
        <source>{source}: expected a Functional or Sequential model; found a {cls!r}</source>
        <translation>{source}: Functional 또는 Sequential 모델이어야 하는데 {cls!r}입니다</translation>
    </message>
    <message>
        <source>{source}: layer {index}</source>
        <translation>{source}: 레이어 {index}</translation>
    </message>
    <message>
        <source>layer {name!r} ({cls}) {key}</source>
        <translation>레이어 {name!r}({cls})의 {key}</translation>
    </message>
    <message>
        <source>{where}: the initializer {cls} {config!r} is not one Layerwire has; it has {names}</source>
        <translation>{where}: 초기화 함수 {cls} {config!r}은(는) Layerwire에 없습니다. 있는 초기화 함수: {names}</translation>
    </message>
    <message>
        <source>Layerwire has no regularizers</source>
        <translation>Layerwire에는 규제가 없습니다</translation>
    </message>
    <message>
        <source>a Keras model config (a JSON object)</source>
        <translation>Keras 모델 설정(JSON 객체)</translation>
    </message>
    <message>
        <source>{source}: expected a Keras model config with class_name and config; it has neither</source>
        <translation>{source}: class_name과 config가 있는 Keras 모델 설정이어야 하는데 둘 다 없습니다</translation>
    </message>
    <message>
        <source>a list of layers</source>
        <translation>레이어의 리스트</translation>
    </message>
    <message>
        <source>{source}: the model has {count} layers; Layerwire reads at most {most}</source>
        <translation>{source}: 모델의 레이어가 {count}개입니다. Layerwire는 {most}개까지 읽습니다</translation>
    </message>
    <message>
        <source>a layer class name</source>
        <translation>레이어 클래스 이름</translation>
    </message>
    <message>
        <source>{where}: the model uses the custom layer class {name!r}, which Layerwire does not have</source>
        <translation>{where}: 모델이 Layerwire에 없는 사용자 정의 레이어 클래스 {name!r}을(를) 씁니다</translation>
    </message>
    <message>
        <source>the model uses {cls} (layer {name!r}), which Layerwire does not have; it has {types}</source>
        <translation>모델이 Layerwire에 없는 {cls} 레이어({name!r})를 씁니다. Layerwire에 있는 레이어: {types}</translation>
    </message>
    <message>
        <source>the layer&apos;s name</source>
        <translation>레이어의 이름</translation>
    </message>
    <message>
        <source>{where}: the layer is named {name!r} but its config says {config_name!r}</source>
        <translation>{where}: 레이어 이름은 {name!r}인데 설정에는 {config_name!r}로 되어 있습니다</translation>
    </message>
    <message>
        <source>{source}: layer {name!r} inbound node {index}</source>
        <translation>{source}: 레이어 {name!r}의 인바운드 노드 {index}</translation>
    </message>
    <message>
        <source>{source}: config.input_layers names one input twice</source>
        <translation>{source}: config.input_layers에 같은 입력이 두 번 있습니다</translation>
    </message>
    <message>
        <source>{source}: config.output_layers names one tensor twice; Layerwire marks each output once</source>
        <translation>{source}: config.output_layers에 같은 텐서가 두 번 있습니다. Layerwire는 각 출력을 한 번만 지정합니다</translation>
    </message>
    <message>
        <source>{where}: {cls} takes one input; the node passes {count}</source>
        <translation>{where}: {cls}은(는) 입력을 하나 받는데 노드가 {count}개를 넘깁니다</translation>
    </message>
    <message>
        <source>{where}: the call passes {key}={value!r}, which Layerwire does not support</source>
        <translation>{where}: 호출이 Layerwire가 지원하지 않는 {key}={value!r}을(를) 넘깁니다</translation>
    </message>
    <message>
        <source>{source}: input shape</source>
        <translation>{source}: 입력 모양</translation>
    </message>
    <message>
        <source>one of {names}</source>
        <translation>다음 중 하나: {names}</translation>
    </message>
    <message>
        <source>an initializer name or object</source>
        <translation>초기화 함수의 이름이나 객체</translation>
    </message>
    <message>
        <source>a Keras initializer</source>
        <translation>Keras 초기화 함수</translation>
    </message>
    <message>
        <source>an initializer config object</source>
        <translation>초기화 함수 설정 객체</translation>
    </message>
    <message>
        <source>{where} {field}</source>
        <translation>{where} {field}</translation>
    </message>
    <message>
        <source>null or a whole number</source>
        <translation>null 또는 정수</translation>
    </message>
    <message>
        <source>a batch shape [null, size, ...] of rank 2 or more</source>
        <translation>랭크가 2 이상인 배치 모양 [null, 크기, ...]</translation>
    </message>
    <message>
        <source>true (Layerwire trains every layer)</source>
        <translation>true (Layerwire는 모든 레이어를 학습합니다)</translation>
    </message>
    <message>
        <source>the float32 policy (Layerwire computes in float32)</source>
        <translation>float32 정책 (Layerwire는 float32로 계산합니다)</translation>
    </message>
    <message>
        <source>Layerwire does not quantize</source>
        <translation>Layerwire는 양자화하지 않습니다</translation>
    </message>
    <message>
        <source>Layerwire has no LoRA</source>
        <translation>Layerwire에는 LoRA가 없습니다</translation>
    </message>
    <message>
        <source>{source}: the {cls} is a subclassed model without a layer graph; Layerwire reads Functional and Sequential models</source>
        <translation>{source}: 이 {cls}은(는) 레이어 그래프가 없는 서브클래싱 모델입니다. Layerwire는 Functional 모델과 Sequential 모델을 읽습니다</translation>
    </message>
    <message>
        <source>{source}: two layers are named {name!r}</source>
        <translation>{source}: 이름이 {name!r}인 레이어가 두 개입니다</translation>
    </message>
    <message>
        <source>{source}: layer {name!r} inbound_nodes</source>
        <translation>{source}: 레이어 {name!r}의 inbound_nodes</translation>
    </message>
    <message>
        <source>{source}: the model refers to node {index} of layer {name!r}, which it lacks</source>
        <translation>{source}: 모델이 레이어 {name!r}의 노드 {index}을(를) 가리키는데 그런 노드가 없습니다</translation>
    </message>
    <message>
        <source>{source}: config.input_layers names {name!r}, a {cls}, not an InputLayer</source>
        <translation>{source}: config.input_layers의 {name!r}은(는) InputLayer가 아니라 {cls}입니다</translation>
    </message>
    <message>
        <source>one argument: a tensor or a list of tensors</source>
        <translation>인자 하나: 텐서 또는 텐서의 리스트</translation>
    </message>
    <message>
        <source>an inbound node object</source>
        <translation>인바운드 노드 객체</translation>
    </message>
    <message>
        <source>{source}: layer {name!r} gets an input of shape {declared} in the file, but Layerwire computes {shape}</source>
        <translation>{source}: 파일에서 레이어 {name!r}의 입력 모양은 {declared}인데 Layerwire가 계산한 모양은 {shape}입니다</translation>
    </message>
    <message>
        <source>{source}: layer {name!r} would need {size:,} weights ({gib:,.1f} GiB); Layerwire reads models of at most {most:,} weights</source>
        <translation>{source}: 레이어 {name!r}에 가중치가 {size:,}개({gib:,.1f} GiB) 필요합니다. Layerwire는 가중치가 {most:,}개까지인 모델을 읽습니다</translation>
    </message>
    <message>
        <source>{source}: the Sequential model does not say its input shape; Layerwire needs an InputLayer or a build_config</source>
        <translation>{source}: Sequential 모델에 입력 모양이 없습니다. Layerwire에는 InputLayer나 build_config가 필요합니다</translation>
    </message>
    <message>
        <source>layer {name!r} ({cls}): the config lacks {key!r}</source>
        <translation>레이어 {name!r}({cls}): 설정에 {key!r}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{shown} ({why})</source>
        <translation>{shown} ({why})</translation>
    </message>
    <message>
        <source>{name} (Layerwire&apos;s only choice here)</source>
        <translation>{name} (여기서 Layerwire가 쓸 수 있는 유일한 값)</translation>
    </message>
    <message>
        <source>{where}={value!r} is a setting Layerwire does not support</source>
        <translation>{where}={value!r}은(는) Layerwire가 지원하지 않는 설정입니다</translation>
    </message>
    <message>
        <source>null (Layerwire computes fans as Keras does by default)</source>
        <translation>null (Layerwire는 fan을 Keras의 기본 방식대로 계산합니다)</translation>
    </message>
    <message>
        <source>one axis (Layerwire normalizes over a single axis)</source>
        <translation>축 하나 (Layerwire는 한 축에 대해서만 정규화합니다)</translation>
    </message>
    <message>
        <source>layer {name!r} (InputLayer): the config lacks its batch_shape</source>
        <translation>레이어 {name!r}(InputLayer): 설정에 batch_shape가 없습니다</translation>
    </message>
    <message>
        <source>Layerwire has dense inputs only</source>
        <translation>Layerwire에는 밀집 입력만 있습니다</translation>
    </message>
    <message>
        <source>Layerwire has no constraints</source>
        <translation>Layerwire에는 제약 조건이 없습니다</translation>
    </message>
    <message>
        <source>layer {name!r}: {problem}</source>
        <translation>레이어 {name!r}: {problem}</translation>
    </message>
    <message>
        <source>{source}: the InputLayer {name!r} has inbound nodes; an input takes none</source>
        <translation>{source}: InputLayer {name!r}에 인바운드 노드가 있습니다. 입력은 아무것도 받지 않습니다</translation>
    </message>
    <message>
        <source>{source}: the outputs depend on the InputLayer {name!r}, which is not among the model&apos;s inputs (Keras: graph disconnected)</source>
        <translation>{source}: 출력이 모델의 입력에 없는 InputLayer {name!r}에 의존합니다 (Keras: graph disconnected)</translation>
    </message>
    <message>
        <source>{source}: the layers&apos; inbound nodes form a cycle</source>
        <translation>{source}: 레이어의 인바운드 노드가 순환을 이룹니다</translation>
    </message>
    <message>
        <source>a [layer, node, tensor] triple or a list of them</source>
        <translation>[레이어, 노드, 텐서] 세 값 또는 그 리스트</translation>
    </message>
    <message>
        <source>__keras_tensor__ objects with a keras_history</source>
        <translation>keras_history가 있는 __keras_tensor__ 객체</translation>
    </message>
    <message>
        <source>{where}: an InputLayer can only come first in a Sequential model</source>
        <translation>{where}: Sequential 모델에서 InputLayer는 맨 앞에만 올 수 있습니다</translation>
    </message>
    <message>
        <source>Layerwire drops values independently</source>
        <translation>Layerwire는 값을 각각 독립적으로 드롭합니다</translation>
    </message>
    <message>
        <source>{source}: layer {name!r} reads node {index} of layer {other!r}, which the model lacks</source>
        <translation>{source}: 레이어 {name!r}이(가) 레이어 {other!r}의 노드 {index}을(를) 읽는데 모델에 그런 노드가 없습니다</translation>
    </message>
    <message>
        <source>{source}: the layers&apos; inbound nodes form a cycle through {name!r}</source>
        <translation>{source}: 레이어의 인바운드 노드가 {name!r}을(를) 거쳐 순환을 이룹니다</translation>
    </message>
    <message>
        <source>[layer, node index, tensor index, kwargs] entries</source>
        <translation>[레이어, 노드 번호, 텐서 번호, kwargs] 항목</translation>
    </message>
    <message>
        <source>Layerwire keeps channels last</source>
        <translation>Layerwire는 채널을 마지막 축에 둡니다</translation>
    </message>
    <message>
        <source>Layerwire trains on one device</source>
        <translation>Layerwire는 장치 하나에서 학습합니다</translation>
    </message>
    <message>
        <source>Layerwire has no batch renormalization</source>
        <translation>Layerwire에는 배치 재정규화가 없습니다</translation>
    </message>
    <message>
        <source>Layerwire has no RMS scaling</source>
        <translation>Layerwire에는 RMS 스케일링이 없습니다</translation>
    </message>
    <message>
        <source>{where} is encrypted</source>
        <translation>{where}은(는) 암호화되어 있습니다</translation>
    </message>
    <message>
        <source>{where} is {mib:,.0f} MiB uncompressed; Layerwire reads at most {most} MiB</source>
        <translation>{where}은(는) 압축을 풀면 {mib:,.0f} MiB입니다. Layerwire는 {most} MiB까지 읽습니다</translation>
    </message>
    <message>
        <source>{where} claims {size:,} bytes from {compressed:,} compressed; refusing a likely zip bomb</source>
        <translation>{where}은(는) 압축된 {compressed:,}바이트가 {size:,}바이트로 풀린다고 합니다. zip 폭탄일 수 있어 거부합니다</translation>
    </message>
    <message>
        <source>{where} is truncated or larger than its header says</source>
        <translation>{where}은(는) 잘렸거나 헤더에 적힌 것보다 큽니다</translation>
    </message>
    <message>
        <source>{path}: {member}: expected a JSON object</source>
        <translation>{path}: {member}: JSON 객체여야 합니다</translation>
    </message>
    <message>
        <source>{where}: the file links {name!r} elsewhere ({kind}); refused</source>
        <translation>{where}: 파일이 {name!r}을(를) 다른 곳에 링크합니다({kind}). 거부합니다</translation>
    </message>
    <message>
        <source>{where}: expected a dataset at vars/{key}; found a {kind}</source>
        <translation>{where}: vars/{key}에 데이터셋이 있어야 하는데 {kind}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{where}: expected shape {shape}; found {found}</source>
        <translation>{where}: 모양이 {shape}이어야 하는데 {found}입니다</translation>
    </message>
    <message>
        <source>{where}: expected float weights; found {dtype}</source>
        <translation>{where}: 가중치가 부동소수점이어야 하는데 {dtype}입니다</translation>
    </message>
    <message>
        <source>{where}: the weights hold NaN or infinite values</source>
        <translation>{where}: 가중치에 NaN이나 무한대 값이 있습니다</translation>
    </message>
    <message>
        <source>{where}: the JSON nests deeper than {depth} levels</source>
        <translation>{where}: JSON의 중첩이 {depth}단계보다 깊습니다</translation>
    </message>
    <message>
        <source>{where}: expected JSON; found text that is not ({error})</source>
        <translation>{where}: JSON이어야 하는데 JSON이 아닌 텍스트입니다 ({error})</translation>
    </message>
    <message>
        <source>{path} is not a readable .keras file (a damaged zip: {error})</source>
        <translation>{path}은(는) 읽을 수 있는 .keras 파일이 아닙니다 (손상된 zip: {error})</translation>
    </message>
    <message>
        <source>{where}: layer {name!r} ({type}, group {path})</source>
        <translation>{where}: 레이어 {name!r}({type}, 그룹 {path})</translation>
    </message>
    <message>
        <source>{where} is not a readable HDF5 weights file ({error})</source>
        <translation>{where}은(는) 읽을 수 있는 HDF5 가중치 파일이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{where}: expected {count} variables; the file has no group {path}</source>
        <translation>{where}: 변수가 {count}개 있어야 하는데 파일에 {path} 그룹이 없습니다</translation>
    </message>
    <message>
        <source>{where}: expected a group at {part!r}; found a {kind}</source>
        <translation>{where}: {part!r}에 그룹이 있어야 하는데 {kind}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{path}: the zip holds {name} twice</source>
        <translation>{path}: zip에 {name}이(가) 두 번 들어 있습니다</translation>
    </message>
    <message>
        <source>{path} is not a Keras model: the zip has no {name}</source>
        <translation>{path}은(는) Keras 모델이 아닙니다: zip에 {name}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{where}: expected {count} variables ({names}); found {found}</source>
        <translation>{where}: 변수가 {count}개({names}) 있어야 하는데 {found}개가 있습니다</translation>
    </message>
    <message>
        <source>{path}: the weights are stored as model.weights.npz; Layerwire reads model.weights.h5</source>
        <translation>{path}: 가중치가 model.weights.npz로 저장되어 있습니다. Layerwire는 model.weights.h5를 읽습니다</translation>
    </message>
    <message>
        <source>{type} needs an input of rank 2 or more; got {shape}</source>
        <translation>{type}에는 랭크가 2 이상인 입력이 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{low} to {high} inputs</source>
        <translation>{low}~{high}개</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} 및 {second}</translation>
    </message>
    <message>
        <source>{where} must be a tuple of 1 to {most} sizes. Received: {name}={value!r}</source>
        <translation>{where}은(는) 크기 1~{most}개로 된 튜플이어야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} may hold at most one -1. Received: {name}={value!r}</source>
        <translation>{where}에는 -1이 하나까지만 올 수 있습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>at least {low} inputs</source>
        <translation>{low}개 이상</translation>
    </message>
    <message>
        <source>{layer} axis={axis} is outside an input of rank {rank}</source>
        <translation>{layer}의 axis={axis}이(가) 랭크 {rank}인 입력의 범위를 벗어납니다</translation>
    </message>
    <message>
        <source>Concatenate needs inputs of one rank; got {shapes}</source>
        <translation>Concatenate에는 랭크가 같은 입력이 필요합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>{low} and {high}</source>
        <translation>{low} 및 {high}</translation>
    </message>
    <message>
        <source>{where} must be {bounds}. Received: {name}={value!r}</source>
        <translation>{where}은(는) {bounds}이어야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must hold whole numbers. Received: {name}={value!r}</source>
        <translation>{where}에는 정수만 올 수 있습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} sizes must be positive. Received: {name}={value!r}</source>
        <translation>{where}의 크기는 양수여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{type} needs {arity}; got {count}</source>
        <translation>{type}에는 입력이 {arity} 필요합니다. 받은 입력: {count}개</translation>
    </message>
    <message>
        <source>1 input</source>
        <translation>1개</translation>
    </message>
    <message>
        <source>{count} inputs</source>
        <translation>{count}개</translation>
    </message>
    <message>
        <source>Layerwire has no layer type {name!r}; it has {types}</source>
        <translation>Layerwire에는 {name!r} 레이어 종류가 없습니다. 있는 종류: {types}</translation>
    </message>
    <message>
        <source>{type} needs inputs of one shape; got {shapes}</source>
        <translation>{type}에는 모양이 같은 입력이 필요합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>Reshape cannot fit {shape} into target_shape={target}</source>
        <translation>Reshape는 {shape} 모양을 target_shape={target}에 맞출 수 없습니다</translation>
    </message>
    <message>
        <source>Reshape needs target_shape with {size} values to match {shape}; got target_shape={target} with {known}</source>
        <translation>Reshape의 target_shape는 {shape}에 맞게 값이 {size}개여야 합니다. 받은 값: target_shape={target} (값 {known}개)</translation>
    </message>
    <message>
        <source>Concatenate on axis={axis} needs inputs that match on every other axis; got {shapes}</source>
        <translation>axis={axis}로 Concatenate하려면 입력의 나머지 축이 모두 같아야 합니다. 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>{where} must be one of {choices}. Received: {name}={value!r}</source>
        <translation>{where}은(는) 다음 중 하나여야 합니다: {choices}. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be true or false. Received: {name}={value!r}</source>
        <translation>{where}은(는) true 또는 false여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} cannot be 0, the batch axis. Received: {name}={value!r}</source>
        <translation>{where}은(는) 배치 축인 0일 수 없습니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be {bounds}. Received: {name}={value!r} (its weights would take at least {tib:,.1f} TiB, 4 bytes per unit and input)</source>
        <translation>{where}은(는) {bounds}이어야 합니다. 받은 값: {name}={value!r} (가중치가 적어도 {tib:,.1f} TiB를 차지합니다. 유닛과 입력마다 4바이트)</translation>
    </message>
    <message>
        <source>{type} has no setting {name!r}; it has {fields}</source>
        <translation>{type}에는 {name!r} 설정이 없습니다. 있는 설정: {fields}</translation>
    </message>
    <message>
        <source>{type}: {problem}</source>
        <translation>{type}: {problem}</translation>
    </message>
    <message>
        <source>{where} must be a whole number. Received: {name}={value!r}</source>
        <translation>{where}은(는) 정수여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be a number. Received: {name}={value!r}</source>
        <translation>{where}은(는) 숫자여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{where}: Layerwire runs the layer&apos;s copy reading backwards; this backward layer&apos;s {key} is {found!r} where the copy&apos;s is {want!r}</source>
        <translation>{where}: Layerwire는 레이어의 복사본으로 뒤에서부터 읽습니다. 이 backward 레이어의 {key}는 {found!r}이지만 복사본의 값은 {want!r}입니다</translation>
    </message>
    <message>
        <source>lesson {lesson}, step {step}</source>
        <translation>레슨 {lesson}, 단계 {step}</translation>
    </message>
    <message>
        <source>{where}: expected texts by language with at least &quot;en&quot;; found {value!r}</source>
        <translation>{where}: 적어도 &quot;en&quot;이 있는 언어별 텍스트여야 하는데 {value!r}입니다</translation>
    </message>
    <message>
        <source>{where}: every text must be a string</source>
        <translation>{where}: 모든 텍스트는 문자열이어야 합니다</translation>
    </message>
    <message>
        <source>{where}: expected a check with a kind among {kinds}; found {value!r}</source>
        <translation>{where}: 종류가 {kinds} 중 하나인 검사여야 하는데 {value!r}입니다</translation>
    </message>
    <message>
        <source>lesson {lesson}: expected an object with a non-empty list of steps</source>
        <translation>레슨 {lesson}: 비어 있지 않은 단계 리스트가 있는 객체여야 합니다</translation>
    </message>
    <message>
        <source>lesson {lesson} title</source>
        <translation>레슨 {lesson}의 제목</translation>
    </message>
    <message>
        <source>lesson {lesson} intro</source>
        <translation>레슨 {lesson}의 소개</translation>
    </message>
    <message>
        <source>{where}: a pattern is an object with &quot;type&quot; and &quot;config&quot;; found {value!r}</source>
        <translation>{where}: 패턴은 &quot;type&quot;과 &quot;config&quot;가 있는 객체여야 하는데 {value!r}입니다</translation>
    </message>
    <message>
        <source>{where}: expected an object; found {value!r}</source>
        <translation>{where}: 객체여야 하는데 {value!r}입니다</translation>
    </message>
    <message>
        <source>{name} is not a readable lesson: {error}</source>
        <translation>{name}은(는) 읽을 수 있는 레슨이 아닙니다: {error}</translation>
    </message>
    <message>
        <source>{where}: a chain needs a list of at least two patterns</source>
        <translation>{where}: chain에는 패턴이 두 개 이상인 리스트가 필요합니다</translation>
    </message>
    <message>
        <source>{where}: a merge needs a type and a list of input patterns</source>
        <translation>{where}: merge에는 종류와 입력 패턴의 리스트가 필요합니다</translation>
    </message>
    <message>
        <source>{where}: {kind} needs a count</source>
        <translation>{where}: {kind}에는 count가 필요합니다</translation>
    </message>
    <message>
        <source>{where}: params needs a total</source>
        <translation>{where}: params에는 total이 필요합니다</translation>
    </message>
    <message>
        <source>{where}: model_name needs a value</source>
        <translation>{where}: model_name에는 value가 필요합니다</translation>
    </message>
    <message>
        <source>{where}: {kind} needs a list of checks</source>
        <translation>{where}: {kind}에는 검사 목록이 있어야 합니다</translation>
    </message>
    <message>
        <source>{head}, {tail}</source>
        <translation>{head}, {tail}</translation>
    </message>
    <message>
        <source>{head}; {tail}</source>
        <translation>{head}; {tail}</translation>
    </message>
    <message>
        <source>The model is not valid: {problems}</source>
        <translation>모델이 올바르지 않습니다: {problems}</translation>
    </message>
    <message>
        <source>The model&apos;s weights would take {size}; Layerwire allows at most {limit} (check the layer sizes)</source>
        <translation>모델의 가중치가 {size}를 차지합니다. Layerwire는 {limit}까지 허용합니다 (레이어 크기를 확인하세요)</translation>
    </message>
    <message>
        <source>The model is not valid: {problems} (and {more} more)</source>
        <translation>모델이 올바르지 않습니다: {problems} (외 {more}개)</translation>
    </message>
    <message>
        <source>Expected an input named {name!r}; received {names}</source>
        <translation>이름이 {name!r}인 입력이 있어야 합니다. 받은 입력: {names}</translation>
    </message>
    <message>
        <source>Input {name!r} must be numeric; received an array of {dtype}</source>
        <translation>입력 {name!r}은(는) 숫자여야 하는데 {dtype} 배열을 받았습니다</translation>
    </message>
    <message>
        <source>Input {name!r} expects samples of shape {want}; received an array of shape {found}</source>
        <translation>입력 {name!r}은(는) 모양이 {want}인 샘플을 받는데 모양이 {found}인 배열을 받았습니다</translation>
    </message>
    <message>
        <source>All inputs need the same number of samples; received {first} and {count}</source>
        <translation>모든 입력의 샘플 수가 같아야 합니다. 받은 샘플 수: {first} 및 {count}</translation>
    </message>
    <message>
        <source>a model object</source>
        <translation>모델 객체</translation>
    </message>
    <message>
        <source>{where}: the model is named {model!r}, its layer {name!r}; they must be one name</source>
        <translation>{where}: 모델 이름은 {model!r}, 그 레이어 이름은 {name!r}입니다. 둘은 같은 이름이어야 합니다</translation>
    </message>
    <message>
        <source>{source}: model {name!r}</source>
        <translation>{source}: 모델 {name!r}</translation>
    </message>
    <message>
        <source>{path}: layer {name!r} ({type})</source>
        <translation>{path}: 레이어 {name!r}({type})</translation>
    </message>
    <message>
        <source>{path}: the file has no group model_weights; a Keras 2 model file has one</source>
        <translation>{path}: 파일에 model_weights 그룹이 없습니다. Keras 2 모델 파일에는 이 그룹이 있습니다</translation>
    </message>
    <message>
        <source>{where}: expected a dataset at {inner}; found a {kind}</source>
        <translation>{where}: {inner}에 데이터셋이 있어야 하는데 {kind}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{path} is not a readable HDF5 model file ({error})</source>
        <translation>{path}은(는) 읽을 수 있는 HDF5 모델 파일이 아닙니다({error})</translation>
    </message>
    <message>
        <source>{where}: expected its weights in model_weights/{name}; the file has none</source>
        <translation>{where}: 가중치가 model_weights/{name}에 있어야 하는데 파일에 없습니다</translation>
    </message>
    <message>
        <source>{layer} gives {count} outputs; it has no output {out}</source>
        <translation>{layer}의 출력은 {count}개입니다. 출력 {out}은(는) 없습니다</translation>
    </message>
    <message>
        <source>an output number</source>
        <translation>출력 번호</translation>
    </message>
    <message>
        <source>[layer name, node index, tensor index]</source>
        <translation>[레이어 이름, 노드 번호, 텐서 번호]</translation>
    </message>
    <message>
        <source>[layer, node index, tensor index]</source>
        <translation>[레이어, 노드 번호, 텐서 번호]</translation>
    </message>
    <message>
        <source>{where}: expected the weights {wanted}; the file lists {found}</source>
        <translation>{where}: 가중치 {wanted}이(가) 있어야 하는데 파일에는 {found}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{where}: the file lists {inner} but has no such dataset</source>
        <translation>{where}: 파일에 {inner}이(가) 나열되어 있지만 그런 데이터셋이 없습니다</translation>
    </message>
    <message>
        <source>a weights-only file (model.save_weights)</source>
        <translation>가중치만 담은 파일(model.save_weights)</translation>
    </message>
    <message>
        <source>an HDF5 file without a model</source>
        <translation>모델이 없는 HDF5 파일</translation>
    </message>
    <message>
        <source>{path} is {kind}; Layerwire reads whole Keras 2 models, as model.save(&apos;model.h5&apos;) writes them, with their config in the attribute model_config</source>
        <translation>{path}은(는) {kind}입니다. Layerwire는 model.save(&apos;model.h5&apos;)가 쓰는 것처럼 model_config 속성에 구성이 담긴 Keras 2 모델 전체를 읽습니다</translation>
    </message>
    <message>
        <source>{path}: the attribute model_config should hold JSON text; it holds a {kind}</source>
        <translation>{path}: model_config 속성에는 JSON 텍스트가 있어야 하는데 {kind}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{where}: expected an array of numbers; found dtype {dtype}</source>
        <translation>{where}: 숫자 배열이어야 하는데 dtype이 {dtype}입니다</translation>
    </message>
    <message>
        <source>{where}: the header&apos;s shape {shape!r} is not a list of sizes</source>
        <translation>{where}: 헤더의 모양 {shape!r}이(가) 크기의 리스트가 아닙니다</translation>
    </message>
    <message>
        <source>{where} is truncated: the header promises {size:,} bytes; the file holds {held:,}</source>
        <translation>{where}이(가) 잘렸습니다: 헤더에는 {size:,}바이트라고 되어 있는데 파일에는 {held:,}바이트가 있습니다</translation>
    </message>
    <message>
        <source>{where}: the array {shape} of {dtype} would take {size}; Layerwire reads at most {most}</source>
        <translation>{where}: {dtype} 배열 {shape}은(는) {size}를 차지합니다. Layerwire는 {most}까지 읽습니다</translation>
    </message>
    <message>
        <source>{where}: the header promises {shape} of {dtype} ({size:,} bytes); the file holds only {held:,}</source>
        <translation>{where}: 헤더에 적힌 배열은 {dtype} {shape}({size:,}바이트)인데 파일에는 {held:,}바이트만 있습니다</translation>
    </message>
    <message>
        <source>{where}: expected members named NAME.npy; found {name!r} (refused)</source>
        <translation>{where}: 항목 이름은 NAME.npy 형식이어야 하는데 {name!r}입니다 (거부함)</translation>
    </message>
    <message>
        <source>{where}: the member {name!r} is encrypted</source>
        <translation>{where}: 항목 {name!r}이(가) 암호화되어 있습니다</translation>
    </message>
    <message>
        <source>{where} is not a readable .npy array ({error})</source>
        <translation>{where}은(는) 읽을 수 있는 .npy 배열이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{where} is not a readable .npz archive ({error})</source>
        <translation>{where}은(는) 읽을 수 있는 .npz 아카이브가 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{where}: expected .npy format version 1, 2 or 3; found {version}</source>
        <translation>{where}: .npy 형식 버전은 1, 2, 3 중 하나여야 하는데 {version}입니다</translation>
    </message>
    <message>
        <source>{where} holds {count:,} arrays; Layerwire reads at most {most}</source>
        <translation>{where}에 배열이 {count:,}개 있습니다. Layerwire는 {most}개까지 읽습니다</translation>
    </message>
    <message>
        <source>{where} holds an array name twice</source>
        <translation>{where}에 같은 배열 이름이 두 번 있습니다</translation>
    </message>
    <message>
        <source>{where}: its arrays would take {size} uncompressed; Layerwire reads at most {most}</source>
        <translation>{where}: 배열의 압축을 풀면 {size}를 차지합니다. Layerwire는 {most}까지 읽습니다</translation>
    </message>
    <message>
        <source>{where}: {name} claims {size} from {compressed:,} compressed bytes; refusing a likely zip bomb</source>
        <translation>{where}: {name}은(는) 압축된 {compressed:,}바이트가 {size}로 풀린다고 합니다. zip 폭탄일 수 있어 거부합니다</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>rows, columns</source>
        <translation>행, 열</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>행</translation>
    </message>
    <message>
        <source>columns</source>
        <translation>열</translation>
    </message>
    <message>
        <source>{type} needs an input of rank {rank} (batch, {axes}, channels); got {shape}</source>
        <translation>{type}에는 랭크 {rank}의 입력(배치, {axes}, 채널)이 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>a whole number or (before, after)</source>
        <translation>정수 하나 또는 (앞, 뒤)</translation>
    </message>
    <message>
        <source>a whole number, (rows, columns) or ((top, bottom), (left, right))</source>
        <translation>정수 하나, (행, 열) 또는 ((위, 아래), (왼쪽, 오른쪽))</translation>
    </message>
    <message>
        <source>{where} must be {form}. Received: {name}={value!r}</source>
        <translation>{where}은(는) {form}이어야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be a model. Received: {name}={value!r}</source>
        <translation>{where}에는 모델이 와야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{where} must be one whole number or {count} of them. Received: {name}={value!r}</source>
        <translation>{where}은(는) 정수 하나 또는 정수 {count}개여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>{type} needs every size known; got {shape} (a size left open, as a sequence of any length)</source>
        <translation>{type}에는 모든 크기가 정해져 있어야 합니다. 받은 모양: {shape} (길이가 정해지지 않은 시퀀스처럼 열린 크기가 있습니다)</translation>
    </message>
    <message>
        <source>Layerwire convolves every input channel with every filter</source>
        <translation>Layerwire는 모든 입력 채널을 모든 필터와 합성곱합니다</translation>
    </message>
    <message>
        <source>{type} with {what} {kernel} and dilation {dilation} needs at least {need} {axis}; got {shape}</source>
        <translation>{what} {kernel}, dilation {dilation}인 {type}에는 {axis}이(가) {need}개 이상 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{type} with {what} {kernel} needs at least {need} {axis}; got {shape}</source>
        <translation>{what} {kernel}인 {type}에는 {axis}이(가) {need}개 이상 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{type} cannot have strides and dilation_rate both above 1. Received: strides={strides}, dilation_rate={dilation}</source>
        <translation>{type}의 strides와 dilation_rate가 둘 다 1보다 클 수는 없습니다. 받은 값: strides={strides}, dilation_rate={dilation}</translation>
    </message>
    <message>
        <source>{type} output_padding must be smaller than strides on every axis. Received: output_padding={padding}, strides={strides}</source>
        <translation>{type}의 output_padding은 모든 축에서 strides보다 작아야 합니다. 받은 값: output_padding={padding}, strides={strides}</translation>
    </message>
    <message>
        <source>positive sizes, or null, after the batch axis</source>
        <translation>배치 축 뒤에 양의 크기 또는 null</translation>
    </message>
    <message>
        <source>Dense needs the size of its input&apos;s last axis; got {shape}</source>
        <translation>Dense에는 입력의 마지막 축 크기가 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>Functional calls a model; none was given</source>
        <translation>Functional은 모델을 호출합니다. 모델이 주어지지 않았습니다</translation>
    </message>
    <message>
        <source>the model {name} calls itself: {path}</source>
        <translation>모델 {name}이(가) 자기 자신을 호출합니다: {path}</translation>
    </message>
    <message>
        <source>the model {name} is not valid: {problem}</source>
        <translation>모델 {name}이(가) 유효하지 않습니다: {problem}</translation>
    </message>
    <message>
        <source>a layer named {name!r} exists already; rename it to call the model {name}</source>
        <translation>{name!r}(이)라는 레이어가 이미 있습니다. 모델 {name}을(를) 호출하려면 그 레이어의 이름을 바꾸세요</translation>
    </message>
    <message>
        <source>{layer} calls the graph&apos;s model {model}; rename the model (in the Models panel) and the layer follows</source>
        <translation>{layer}은(는) 그래프의 모델 {model}을(를) 호출합니다. (모델 패널에서) 모델의 이름을 바꾸면 레이어 이름도 따라 바뀝니다</translation>
    </message>
    <message>
        <source>two models cannot share a name; {names}</source>
        <translation>두 모델이 같은 이름을 쓸 수 없습니다. {names}</translation>
    </message>
    <message>
        <source>There is no model {name!r} here</source>
        <translation>여기에는 {name!r} 모델이 없습니다</translation>
    </message>
    <message>
        <source>the graph defines another model named {name!r} already</source>
        <translation>그래프에 {name!r}(이)라는 다른 모델이 이미 있습니다</translation>
    </message>
    <message>
        <source>a model needs its outputs, each once</source>
        <translation>모델에는 출력이 있어야 하며, 각 출력은 한 번씩만 지정합니다</translation>
    </message>
    <message>
        <source>the model {model} is called by the layer {layer}; delete its node first</source>
        <translation>모델 {model}은(는) 레이어 {layer}이(가) 호출합니다. 먼저 그 노드를 삭제하세요</translation>
    </message>
    <message>
        <source>Select the layers to put into a model</source>
        <translation>모델로 묶을 레이어를 선택하세요</translation>
    </message>
    <message>
        <source>The selection&apos;s values go out through {layer} and come back into it; select {layer} too, or less</source>
        <translation>선택한 부분의 값이 {layer}(으)로 나갔다가 다시 들어옵니다. {layer}도 함께 선택하거나 더 적게 선택하세요</translation>
    </message>
    <message>
        <source>{layer} ({type}) is not a nested model</source>
        <translation>{layer}({type})은(는) 중첩 모델이 아닙니다</translation>
    </message>
    <message>
        <source>{layer} calls the graph&apos;s own model {model}; its layers are on this canvas already</source>
        <translation>{layer}은(는) 이 그래프의 모델 {model}을(를) 호출합니다. 그 레이어들은 이미 이 캔버스에 있습니다</translation>
    </message>
    <message>
        <source>{layer} is called {count} times; its layers can only come out where the model is called once</source>
        <translation>{layer}은(는) {count}번 호출됩니다. 모델을 한 번만 호출하는 곳에서만 레이어를 풀어낼 수 있습니다</translation>
    </message>
    <message>
        <source>the model {name} gives its input {input} straight back; remove its node instead</source>
        <translation>모델 {name}은(는) 입력 {input}을(를) 그대로 돌려줍니다. 대신 그 노드를 지우세요</translation>
    </message>
    <message>
        <source>{layer} has no known shape yet; wire the model up to the selection first</source>
        <translation>{layer}의 형태를 아직 알 수 없습니다. 먼저 선택한 부분까지 모델을 연결하세요</translation>
    </message>
    <message>
        <source>{layer} is one of the model&apos;s Inputs; select the layers after it</source>
        <translation>{layer}은(는) 모델의 입력입니다. 그 뒤의 레이어를 선택하세요</translation>
    </message>
    <message>
        <source>{layer} is also called outside the selection; select all its calls or none</source>
        <translation>{layer}은(는) 선택 밖에서도 호출됩니다. 그 호출을 모두 선택하거나 하나도 선택하지 마세요</translation>
    </message>
    <message>
        <source>an object of model names and lists of output node ids</source>
        <translation>모델 이름과 출력 노드 id 목록으로 된 객체</translation>
    </message>
    <message>
        <source>the layer&apos;s own name, {name!r}</source>
        <translation>레이어 자신의 이름 {name!r}</translation>
    </message>
    <message>
        <source>{path} is neither a file nor a built-in example; the examples are {names}</source>
        <translation>{path}은(는) 파일도 내장 예제도 아닙니다. 예제는 {names}입니다</translation>
    </message>
    <message>
        <source>{source}: the nested model {name!r} calls {layer!r} on other values than the model it is in does; Layerwire reads a model of shared layers where it is one of the outer model&apos;s own</source>
        <translation>{source}: 중첩 모델 {name!r}이(가) {layer!r}을(를) 바깥 모델과 다른 값에 호출합니다. Layerwire는 공유 레이어로 된 모델을 바깥 모델 자신의 모델일 때 읽습니다</translation>
    </message>
    <message>
        <source>{source}: the nested model {name!r} shares layers with the model it is in, and has a {type} {layer!r} of its own; Layerwire reads such a model where its Inputs are the outer model&apos;s and its other layers&apos; names are its own</source>
        <translation>{source}: 중첩 모델 {name!r}은(는) 바깥 모델과 레이어를 공유하면서 자신만의 {type} {layer!r}을(를) 가집니다. Layerwire는 이런 모델의 Input이 바깥 모델의 것이고 다른 레이어의 이름이 겹치지 않을 때 읽습니다</translation>
    </message>
    <message>
        <source>{path} is {mib:,.0f} MiB; Layerwire reads at most {most:,} MiB</source>
        <translation>{path}은(는) {mib:,.0f} MiB입니다. Layerwire는 최대 {most:,} MiB까지 읽습니다</translation>
    </message>
    <message>
        <source>&quot;float32&quot;, &quot;int32&quot; or &quot;int64&quot; (token ids)</source>
        <translation>&quot;float32&quot;, &quot;int32&quot; 또는 &quot;int64&quot; (토큰 번호)</translation>
    </message>
    <message>
        <source>Embedding mask_zero=True (token 0 as padding, masked in the layers after) is not supported: Layerwire carries no masks yet; use mask_zero=False</source>
        <translation>Embedding mask_zero=True(토큰 0을 패딩으로 보고 뒤 레이어에서 마스킹)는 지원하지 않습니다. Layerwire는 아직 마스크를 전달하지 않습니다. mask_zero=False를 쓰세요</translation>
    </message>
    <message>
        <source>{layer} (Embedding) takes token ids from 0 to {top} (input_dim={dim}); the data holds {value}</source>
        <translation>{layer}(Embedding)는 0부터 {top}까지의 토큰 번호를 받습니다(input_dim={dim}). 데이터에 {value}이(가) 있습니다</translation>
    </message>
    <message>
        <source>{layer} (Embedding) takes whole token ids; received {value!r}</source>
        <translation>{layer}(Embedding)는 정수 토큰 번호를 받습니다. 받은 값: {value!r}</translation>
    </message>
    <message>
        <source>a layer (an object with class_name and config)</source>
        <translation>레이어 (class_name과 config가 있는 객체)</translation>
    </message>
    <message>
        <source>layer {name!r} ({cls}) wraps a {inner}; Layerwire&apos;s {cls} wraps {types}</source>
        <translation>레이어 {name!r} ({cls})가 {inner}를 감쌉니다. Layerwire의 {cls}가 감쌀 수 있는 것: {types}</translation>
    </message>
    <message>
        <source>the graph has no model {name!r} to call</source>
        <translation>그래프에 호출할 모델 {name!r}이(가) 없습니다</translation>
    </message>
    <message>
        <source>the model {model} gives an output of {layer} this change takes away; change the model&apos;s outputs first</source>
        <translation>모델 {model}이(가) 이 변경으로 없어지는 {layer}의 출력을 내보냅니다. 먼저 그 모델의 출력을 바꾸세요</translation>
    </message>
    <message>
        <source>{where} holds object arrays (Python objects, which would need pickle); expected numbers. Sequences of different lengths are saved so: pad them to one length (as keras.utils.pad_sequences does)</source>
        <translation>{where}에 객체 배열(pickle이 필요한 Python 객체)이 있습니다. 숫자여야 합니다. 길이가 다른 시퀀스는 이렇게 저장됩니다: 한 길이로 패딩하세요(keras.utils.pad_sequences처럼)</translation>
    </message>
    <message>
        <source>{type} pads a sequence of any length by its length (strides over 1 with padding &apos;same&apos;); PyTorch&apos;s layer takes a fixed padding: give the Input a length to export to PyTorch</source>
        <translation>{type}은(는) 길이가 정해지지 않은 시퀀스를 그 길이에 따라 채웁니다(strides가 1보다 크고 padding이 &apos;same&apos;). PyTorch의 층은 고정된 패딩을 받으므로, PyTorch로 내보내려면 Input에 길이를 지정하세요</translation>
    </message>
    <message>
        <source>the model {name} takes {count} inputs ({names}); {wired} wired</source>
        <translation>모델 {name}은(는) 입력 {count}개({names})를 받는데, {wired}개가 연결되어 있습니다</translation>
    </message>
    <message>
        <source>the model {model}&apos;s input {name} takes {want}; it gets {got}</source>
        <translation>모델 {model}의 입력 {name}은(는) {want}을(를) 받는데, {got}이(가) 들어옵니다</translation>
    </message>
    <message>
        <source>Layerwire starts each batch from a zero state</source>
        <translation>Layerwire는 배치마다 0 상태에서 시작합니다</translation>
    </message>
    <message>
        <source>Layerwire has no dropout inside a recurrent cell; use a Dropout layer</source>
        <translation>Layerwire는 순환 셀 안의 드롭아웃이 없습니다. Dropout 레이어를 쓰세요</translation>
    </message>
    <message>
        <source>Layerwire has no dropout inside a recurrent cell</source>
        <translation>Layerwire는 순환 셀 안의 드롭아웃이 없습니다</translation>
    </message>
    <message>
        <source>a masking setting</source>
        <translation>마스킹 설정</translation>
    </message>
    <message>
        <source>Layerwire reads (batch, steps, features)</source>
        <translation>Layerwire는 (batch, steps, features) 순서로 읽습니다</translation>
    </message>
    <message>
        <source>how Keras runs on a GPU</source>
        <translation>Keras가 GPU에서 실행하는 방식</translation>
    </message>
    <message>
        <source>{layer}: ONNX&apos;s {type} lacks its activations ({names}), and a sequence of any length cannot be unrolled step by step; use {known}, or give the Input a fixed length</source>
        <translation>{layer}: ONNX의 {type}에는 이 활성화 함수({names})가 없고, 길이가 정해지지 않은 시퀀스는 스텝별로 펼칠 수 없습니다. {known} 중 하나를 쓰거나 Input에 고정 길이를 주세요</translation>
    </message>
    <message>
        <source>{type} needs a sequence (batch, steps, features); got {shape}</source>
        <translation>{type}에는 시퀀스 (batch, steps, features)가 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{type} needs a known number of features; got {shape}</source>
        <translation>{type}에는 특성 수가 정해져 있어야 합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>{type}&apos;s initial state {name} must be (None, {units}), as its units; got {shape}</source>
        <translation>{type}의 초기 상태 {name}은(는) units에 맞춰 (None, {units})이어야 합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>Layerwire has the GRU of Keras 3&apos;s default, reset_after=True</source>
        <translation>Layerwire의 GRU는 Keras 3의 기본값 reset_after=True입니다</translation>
    </message>
    <message>
        <source>{type} {key} must act on each number; {name} acts on a whole vector</source>
        <translation>{type}의 {key}는 각 숫자에 작용해야 합니다. {name}은(는) 벡터 전체에 작용합니다</translation>
    </message>
    <message>
        <source>RepeatVector needs a vector (batch, features); got {shape}</source>
        <translation>RepeatVector에는 벡터 (batch, features)가 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>Permute dims must order the axes 1 to {count}, each once. Received: dims={dims!r}</source>
        <translation>Permute의 dims는 축 1부터 {count}까지를 한 번씩 나열해야 합니다. 받은 값: dims={dims!r}</translation>
    </message>
    <message>
        <source>Permute dims={dims!r} orders {count} axes; the input {shape} has {have}</source>
        <translation>Permute dims={dims!r}는 축 {count}개를 나열하지만 입력 {shape}에는 {have}개가 있습니다</translation>
    </message>
    <message>
        <source>Layerwire repeats the nearest value</source>
        <translation>Layerwire는 가장 가까운 값을 반복합니다</translation>
    </message>
    <message>
        <source>{type} cannot crop {before} + {after} {axis} from an input of {size} {axis}; got {shape}</source>
        <translation>{type}은(는) {size}개의 {axis}에서 {before} + {after}개의 {axis}을(를) 잘라낼 수 없습니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>one of {modes} (Layerwire&apos;s Bidirectional gives one output, the two directions merged; None gives them as two)</source>
        <translation>{modes} 중 하나 (Layerwire의 Bidirectional은 두 방향을 합친 출력 하나를 줍니다. None이면 출력이 둘이 됩니다)</translation>
    </message>
    <message>
        <source>{where}: the layer gives its states (return_state=true); Layerwire&apos;s Bidirectional gives one output, the two directions merged, and cannot wire the states of each</source>
        <translation>{where}: 이 레이어는 상태를 출력합니다 (return_state=true). Layerwire의 Bidirectional은 두 방향을 합친 출력 하나만 주며, 각 방향의 상태는 연결할 수 없습니다</translation>
    </message>
    <message>
        <source>{where}: the layer reads backwards (go_backwards=true); Layerwire&apos;s Bidirectional reads forward with the layer and backward with its copy</source>
        <translation>{where}: 이 레이어는 거꾸로 읽습니다 (go_backwards=true). Layerwire의 Bidirectional은 레이어로 앞에서부터, 그 복사본으로 뒤에서부터 읽습니다</translation>
    </message>
    <message>
        <source>TimeDistributed needs an input of rank 3 or more (batch, steps, ...); got {shape}</source>
        <translation>TimeDistributed에는 랭크가 3 이상인 입력 (batch, steps, ...)이 필요합니다. 받은 모양: {shape}</translation>
    </message>
    <message>
        <source>lesson {lesson}: example must be the name of one of the examples ({names}); found {value!r}</source>
        <translation>레슨 {lesson}: example은 예제 중 하나의 이름({names})이어야 합니다. 받은 값: {value!r}</translation>
    </message>
    <message>
        <source>{where}: code must be a string; found {value!r}</source>
        <translation>{where}: code는 문자열이어야 합니다. 받은 값: {value!r}</translation>
    </message>
    <message>
        <source>{where}: model needs a name and a list of output patterns</source>
        <translation>{where}: model에는 이름과 출력 패턴 목록이 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: training needs the settings it asks for</source>
        <translation>{where}: training에는 요구하는 설정이 있어야 합니다</translation>
    </message>
    <message>
        <source>{where}: file needs &quot;saved&quot; or &quot;opened&quot;: the end of the file&apos;s name (&quot;.keras&quot;, &quot;.lwire&quot;)</source>
        <translation>{where}: file에는 &quot;saved&quot; 또는 &quot;opened&quot;가 있어야 합니다. 값은 파일 이름의 끝부분입니다(&quot;.keras&quot;, &quot;.lwire&quot;)</translation>
    </message>
    <message>
        <source>{where}: trained needs a metric and at_least or at_most (a number)</source>
        <translation>{where}: trained에는 metric과 at_least 또는 at_most(숫자)가 있어야 합니다</translation>
    </message>
    <message>
        <source>The model&apos;s weights would take {size} ({layer} alone {layer_size}); this machine has {room} available (check the layer sizes)</source>
        <translation>모델의 가중치에 {size}가 필요합니다({layer} 하나만 {layer_size}). 이 컴퓨터에서 쓸 수 있는 메모리는 {room}입니다(레이어 크기를 확인하세요)</translation>
    </message>
    <message>
        <source>Input {name!r} takes token ids ({dtype}); received an array of {found}</source>
        <translation>입력 {name!r}은(는) 토큰 번호({dtype})를 받습니다. 받은 배열의 형식: {found}</translation>
    </message>
    <message>
        <source>Input {name!r} holds sequences of different lengths; pad them to one length (as keras.utils.pad_sequences does), so each batch has one</source>
        <translation>입력 {name!r}에 길이가 다른 시퀀스가 있습니다. (keras.utils.pad_sequences처럼) 한 길이로 채워 배치마다 길이가 하나가 되게 하세요</translation>
    </message>
    <message>
        <source>Unknown loss; expected one of {names}. Received: loss={name!r}</source>
        <translation>알 수 없는 손실 함수입니다. 다음 중 하나여야 합니다: {names}. 받은 값: loss={name!r}</translation>
    </message>
    <message>
        <source>loss must be a loss name, a list or an object of them. Received: loss={value!r}</source>
        <translation>loss는 손실 함수 이름, 그 리스트 또는 객체여야 합니다. 받은 값: loss={value!r}</translation>
    </message>
    <message>
        <source>loss_weights must be a list of numbers or an object of output names to numbers. Received: loss_weights={value!r}</source>
        <translation>loss_weights는 숫자 목록이거나 출력 이름에서 숫자로 가는 객체여야 합니다. 받은 값: loss_weights={value!r}</translation>
    </message>
    <message>
        <source>{where} must be from {low} to {high}. Received: {name}={value!r}</source>
        <translation>{where}은(는) {low}부터 {high}까지여야 합니다. 받은 값: {name}={value!r}</translation>
    </message>
    <message>
        <source>Unknown optimizer; expected one of {names}. Received: optimizer={name!r}</source>
        <translation>알 수 없는 옵티마이저입니다. 다음 중 하나여야 합니다: {names}. 받은 값: optimizer={name!r}</translation>
    </message>
    <message>
        <source>from_logits must be true, false or null. Received: from_logits={value!r}</source>
        <translation>from_logits는 true, false, null 중 하나여야 합니다. 받은 값: from_logits={value!r}</translation>
    </message>
    <message>
        <source>data must be a data set name or a file path. Received: data={value!r}</source>
        <translation>data는 데이터셋 이름이나 파일 경로여야 합니다. 받은 값: data={value!r}</translation>
    </message>
    <message>
        <source>target must be a column name. Received: target={value!r}</source>
        <translation>target은 열 이름이어야 합니다. 받은 값: target={value!r}</translation>
    </message>
    <message>
        <source>loss names an output the model does not have: {name!r}; it has {names}</source>
        <translation>loss에 모델에 없는 출력 {name!r}이(가) 있습니다. 모델의 출력: {names}</translation>
    </message>
    <message>
        <source>loss_weights names an output the model does not have: {name!r}; it has {names}</source>
        <translation>loss_weights에 모델에 없는 출력이 있습니다: {name!r}. 모델의 출력: {names}</translation>
    </message>
    <message>
        <source>loss_weights must give every output a weight; {name!r} has none</source>
        <translation>loss_weights는 모든 출력에 가중치를 주어야 합니다. {name!r}에는 가중치가 없습니다</translation>
    </message>
    <message>
        <source>training settings must be an object. Received: {value!r}</source>
        <translation>학습 설정은 객체여야 합니다. 받은 값: {value!r}</translation>
    </message>
    <message>
        <source>Unknown training setting {name!r}; expected some of {names}</source>
        <translation>알 수 없는 학습 설정 {name!r}입니다. 쓸 수 있는 설정: {names}</translation>
    </message>
    <message>
        <source>features must be a list of column names. Received: features={value!r}</source>
        <translation>features는 열 이름의 목록이어야 합니다. 받은 값: features={value!r}</translation>
    </message>
    <message>
        <source>The model has {count} outputs ({names}); received {losses} losses</source>
        <translation>모델의 출력은 {count}개({names})인데 손실 함수를 {losses}개 받았습니다</translation>
    </message>
    <message>
        <source>The model has {count} outputs ({names}); received {weights} loss weights</source>
        <translation>모델의 출력은 {count}개({names})인데 손실 가중치를 {weights}개 받았습니다</translation>
    </message>
    <message>
        <source>{layer}: this Input does not lead to any output; the model still takes its data, as Keras does, and does not use it</source>
        <translation>{layer}: 이 Input은 어떤 출력으로도 이어지지 않습니다. Keras처럼 모델은 이 입력의 데이터를 받지만 사용하지 않습니다</translation>
    </message>
    <message>
        <source>nothing is wired into it</source>
        <translation>연결된 입력이 없습니다</translation>
    </message>
    <message>
        <source>{count} wired</source>
        <translation>{count}개가 연결되어 있습니다</translation>
    </message>
    <message>
        <source>The model is empty; add an InputLayer</source>
        <translation>모델이 비어 있습니다. InputLayer를 추가하세요</translation>
    </message>
    <message>
        <source>{layer} reads output {out} of {source}, which gives {count}</source>
        <translation>{layer}이(가) {source}의 출력 {out}을(를) 읽지만 {source}의 출력은 {count}개입니다</translation>
    </message>
    <message>
        <source>{layer}: {type} reads token ids from an Input; {source} computes its values</source>
        <translation>{layer}: {type}은(는) Input에서 토큰 번호를 읽습니다. {source}은(는) 값을 계산하는 레이어입니다</translation>
    </message>
    <message>
        <source>{layer}: {type} takes numbers; {source} gives token ids ({dtype}): put an Embedding after it</source>
        <translation>{layer}: {type}은(는) 숫자를 받습니다. {source}은(는) 토큰 번호({dtype})를 주므로 그 뒤에 Embedding을 두세요</translation>
    </message>
    <message>
        <source>{layer}: {type} needs {arity}; {have}</source>
        <translation>{layer}: {type}에는 입력이 {arity} 필요합니다. {have}</translation>
    </message>
    <message>
        <source>{layer}: a shared layer needs inputs that give it the same weights; this call gets {shapes}</source>
        <translation>{layer}: 공유 레이어는 같은 가중치가 나오는 입력을 받아야 합니다. 이 호출이 받은 모양: {shapes}</translation>
    </message>
    <message>
        <source>The model has no Input; add an InputLayer</source>
        <translation>모델에 입력이 없습니다. InputLayer를 추가하세요</translation>
    </message>
    <message>
        <source>The model has no output; mark a node as the model&apos;s output</source>
        <translation>모델에 출력이 없습니다. 노드 하나를 모델의 출력으로 지정하세요</translation>
    </message>
    <message>
        <source>the model&apos;s output is output {out} of {layer}, which gives {count}</source>
        <translation>모델의 출력이 {layer}의 출력 {out}이지만 {layer}의 출력은 {count}개입니다</translation>
    </message>
    <message>
        <source>{layer}: {problem}</source>
        <translation>{layer}: {problem}</translation>
    </message>
    <message>
        <source>The model has no layer after its Input yet; wire a layer to {layer}</source>
        <translation>모델의 Input 뒤에 아직 레이어가 없습니다. {layer}에 레이어를 연결하세요</translation>
    </message>
    <message>
        <source>There is no model {name!r} here; the models are {names}</source>
        <translation>여기에는 {name!r} 모델이 없습니다. 모델은 {names}입니다</translation>
    </message>
    <message>
        <source>The model {name!r} has lost its outputs (their nodes were deleted)</source>
        <translation>모델 {name!r}의 출력이 없어졌습니다(그 노드가 삭제되었습니다)</translation>
    </message>
    <message>
        <source>{path}: the target column {column!r} holds more than {most:,} different texts; expected numbers or at most {most:,} class names</source>
        <translation>{path}: 목표 열 {column!r}에 서로 다른 텍스트가 {most:,}개보다 많습니다. 숫자나 최대 {most:,}개의 클래스 이름이어야 합니다</translation>
    </message>
    <message>
        <source>{path}: no feature column is left besides the target {target!r}; choose at least one</source>
        <translation>{path}: 목표 {target!r} 외에 남은 특성 열이 없습니다. 하나 이상 고르세요</translation>
    </message>
    <message>
        <source>{path} line {line}, column {column!r}: the value is empty</source>
        <translation>{path} {line}행, 열 {column!r}: 값이 비어 있습니다</translation>
    </message>
    <message>
        <source>more than {most:,}</source>
        <translation>{most:,}개 초과</translation>
    </message>
    <message>
        <source>{path}: column {column!r} holds {count} different texts; one-hot columns are made for at most {most}</source>
        <translation>{path}: 열 {column!r}에 서로 다른 텍스트가 {count}개 있습니다. 원-핫 열은 최대 {most}개 값까지 만듭니다</translation>
    </message>
    <message>
        <source>{name}: images in {classes} classes ({counts}), read as {height}×{width} {colour}</source>
        <translation>{name}: {classes}개 클래스의 이미지({counts}), {height}×{width} {colour}(으)로 읽음</translation>
    </message>
    <message>
        <source>two interleaved spirals of 1.75 turns, 2 classes</source>
        <translation>서로 맞물려 1.75바퀴 감긴 나선 두 개, 클래스 2개</translation>
    </message>
    <message>
        <source>two interleaving half circles, 2 classes</source>
        <translation>서로 맞물린 반원 두 개, 클래스 2개</translation>
    </message>
    <message>
        <source>a circle inside another, 2 classes</source>
        <translation>다른 원 안에 든 원, 클래스 2개</translation>
    </message>
    <message>
        <source>points in the four quadrants, class = sign(x) xor sign(y), 2 classes</source>
        <translation>네 사분면의 점, 클래스 = sign(x) xor sign(y), 클래스 2개</translation>
    </message>
    <message>
        <source>three Gaussian blobs, 3 classes</source>
        <translation>가우스 분포 덩어리 세 개, 클래스 3개</translation>
    </message>
    <message>
        <source>y = sin(x) + noise for x in [-pi, pi], regression</source>
        <translation>[-pi, pi] 구간의 x에 대해 y = sin(x) + 잡음, 회귀</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s 8x8 handwritten digits, 64 features in [0, 1], 10 classes</source>
        <translation>scikit-learn의 8x8 손글씨 숫자, [0, 1] 범위의 특성 64개, 클래스 10개</translation>
    </message>
    <message>
        <source>strings of 20 brackets, ten &quot;(&quot; and ten &quot;)&quot; as token ids 0 and 1; label 1 when balanced, 2 classes. Counting them tells nothing: only their order does</source>
        <translation>괄호 20개로 된 문자열, &quot;(&quot; 10개와 &quot;)&quot; 10개가 토큰 ID 0과 1로 들어 있음; 짝이 맞으면 레이블 1, 클래스 2개. 개수를 세어서는 알 수 없고 순서만이 알려 줍니다</translation>
    </message>
    <message>
        <source>the Keras guide&apos;s random support tickets: titles and bodies of token ids below 10,000, 12 tags of 0 or 1; targets priority in [0, 1) and department (4 values of 0 or 1)</source>
        <translation>Keras 가이드의 무작위 지원 티켓: 10,000 미만의 토큰 ID로 된 제목과 본문, 0 또는 1인 태그 12개; 타깃은 [0, 1) 범위의 priority와 department(0 또는 1인 값 4개)</translation>
    </message>
    <message>
        <source>{name}: {about}</source>
        <translation>{name}: {about}</translation>
    </message>
    <message>
        <source>{name}: {about}, noise {noise:g}</source>
        <translation>{name}: {about}, 잡음 {noise:g}</translation>
    </message>
    <message>
        <source>{source}: expected a built-in name or a .npz, .npy, .csv or IDX file; found {suffix}</source>
        <translation>{source}: 내장 데이터셋 이름이나 .npz, .npy, .csv, IDX 파일이어야 하는데 {suffix}입니다</translation>
    </message>
    <message>
        <source>{about}; training on the first {count} of {total} samples</source>
        <translation>{about}; 샘플 {total}개 중 처음 {count}개로 학습</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>흑백</translation>
    </message>
    <message>
        <source>{name} inputs</source>
        <translation>{name}의 입력</translation>
    </message>
    <message>
        <source>{name} targets</source>
        <translation>{name}의 타깃</translation>
    </message>
    <message>
        <source>{count} samples</source>
        <translation>샘플 {count}개</translation>
    </message>
    <message>
        <source>{about} ({details})</source>
        <translation>{about} ({details})</translation>
    </message>
    <message>
        <source>There is no built-in data set {name!r}; there are {names}</source>
        <translation>내장 데이터셋 {name!r}은(는) 없습니다. 있는 데이터셋: {names}</translation>
    </message>
    <message>
        <source>A data set needs at least 1 sample. Received: samples={samples}</source>
        <translation>데이터셋에는 샘플이 1개 이상 있어야 합니다. 받은 값: samples={samples}</translation>
    </message>
    <message>
        <source>noise must be a number &gt;= 0. Received: noise={noise}</source>
        <translation>noise는 0 이상인 숫자여야 합니다. 받은 값: noise={noise}</translation>
    </message>
    <message>
        <source>{name} must hold numbers; found an array of {dtype}</source>
        <translation>{name}에는 숫자만 있어야 하는데 {dtype} 배열입니다</translation>
    </message>
    <message>
        <source>{name} holds NaN or infinite values (first at index {index})</source>
        <translation>{name}에 NaN이나 무한대 값이 있습니다 (처음 나온 위치: {index})</translation>
    </message>
    <message>
        <source>{source} must be a table with feature columns and a target column; found shape {shape}</source>
        <translation>{source}은(는) 특성 열과 타깃 열이 있는 표여야 하는데 모양이 {shape}입니다</translation>
    </message>
    <message>
        <source>{path} is {size}; Layerwire reads CSV files of at most {most} (use .npy or .npz for more)</source>
        <translation>{path}의 크기는 {size}입니다. Layerwire는 {most}까지의 CSV 파일을 읽습니다 (더 크면 .npy나 .npz를 쓰세요)</translation>
    </message>
    <message>
        <source>{path} needs a header row and at least one row of data</source>
        <translation>{path}에는 헤더 행과 데이터 행이 하나 이상 있어야 합니다</translation>
    </message>
    <message>
        <source>{source} has no column {target!r}; it has {names}</source>
        <translation>{source}에 {target!r} 열이 없습니다. 있는 열: {names}</translation>
    </message>
    <message>
        <source>{path} needs feature columns and a target column; found {count} column</source>
        <translation>{path}에는 특성 열과 타깃 열이 있어야 하는데 열이 {count}개뿐입니다</translation>
    </message>
    <message>
        <source>{path}: {rows:,} rows of {features:,} features would take {size}; Layerwire reads at most {most}</source>
        <translation>{path}: 특성 {features:,}개짜리 행 {rows:,}개는 {size}를 차지합니다. Layerwire는 {most}까지 읽습니다</translation>
    </message>
    <message>
        <source>{path} changed while it was read</source>
        <translation>{path}이(가) 읽는 도중에 바뀌었습니다</translation>
    </message>
    <message>
        <source>more</source>
        <translation>그보다 많음</translation>
    </message>
    <message>
        <source>{path}: the header promises {dims} values ({size:,} bytes); the file holds {held}</source>
        <translation>{path}: 헤더에 적힌 값의 모양은 {dims}({size:,}바이트)인데 파일에 든 바이트: {held}</translation>
    </message>
    <message>
        <source>{source!r} is neither a built-in data set ({names}), a known one ({known}) nor an existing file</source>
        <translation>{source!r}은(는) 내장 데이터셋({names})도, 알려진 데이터셋({known})도, 있는 파일도 아닙니다</translation>
    </message>
    <message>
        <source>{path} must hold arrays &apos;x&apos; and &apos;y&apos;, arrays named after the model&apos;s inputs and outputs, or x_train, y_train, x_test and y_test; found {names}</source>
        <translation>{path}에는 배열 &apos;x&apos;와 &apos;y&apos;, 모델의 입력과 출력 이름을 딴 배열, 또는 x_train, y_train, x_test, y_test가 있어야 합니다. 있는 배열: {names}</translation>
    </message>
    <message>
        <source>{name}: MNIST-style images</source>
        <translation>{name}: MNIST 형식의 이미지</translation>
    </message>
    <message>
        <source>{name} {count}</source>
        <translation>{name} {count}장</translation>
    </message>
    <message>
        <source>The {name} data has inputs {inputs} and targets {targets}; the model has inputs {model_inputs} and outputs {model_outputs}. Name the model&apos;s inputs and outputs after the data&apos;s</source>
        <translation>{name} 데이터의 입력은 {inputs}, 타깃은 {targets}인데 모델의 입력은 {model_inputs}, 출력은 {model_outputs}입니다. 모델의 입력과 출력 이름을 데이터의 이름에 맞추세요</translation>
    </message>
    <message>
        <source>{name}: {samples} input samples but {targets} targets</source>
        <translation>{name}: 입력 샘플은 {samples}개인데 타깃은 {targets}개입니다</translation>
    </message>
    <message>
        <source>{name} has one input array and one target array; the model has {inputs} inputs ({input_names}) and {outputs} outputs ({output_names}) — use an .npz with arrays named after them</source>
        <translation>{name}에는 입력 배열 하나와 타깃 배열 하나가 있는데 모델의 입력은 {inputs}개({input_names}), 출력은 {outputs}개({output_names})입니다 — 그 이름을 딴 배열이 든 .npz를 쓰세요</translation>
    </message>
    <message>
        <source>input {name} {shape}</source>
        <translation>입력 {name} {shape}</translation>
    </message>
    <message>
        <source>{count} test samples</source>
        <translation>테스트 샘플 {count}개</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path}은(는) UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <source>{path} is not a readable CSV table ({error})</source>
        <translation>{path}은(는) 읽을 수 있는 CSV 표가 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{path} line {line}: expected {want} values as in the header; found {found}</source>
        <translation>{path} {line}행: 헤더처럼 값이 {want}개여야 하는데 {found}개입니다</translation>
    </message>
    <message>
        <source>{path}: the target column {column!r} holds NaN or infinite values</source>
        <translation>{path}: 타깃 열 {column!r}에 NaN이나 무한대 값이 있습니다</translation>
    </message>
    <message>
        <source>{path} cannot be read as an IDX file ({error})</source>
        <translation>{path}을(를) IDX 파일로 읽을 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>The labels for {name} should be in {labels} beside it; it does not exist</source>
        <translation>{name}의 레이블은 같은 폴더의 {labels}에 있어야 하는데 그 파일이 없습니다</translation>
    </message>
    <message>
        <source>{name} has {images} images but {labels} has {count} labels</source>
        <translation>{name}의 이미지는 {images}개인데 {labels}의 레이블은 {count}개입니다</translation>
    </message>
    <message>
        <source>A folder of images is data for a model of one input; the model has {count} inputs</source>
        <translation>이미지 폴더는 입력이 하나인 모델의 데이터입니다. 이 모델의 입력은 {count}개입니다</translation>
    </message>
    <message>
        <source>target {name}: labels {low}..{high}</source>
        <translation>타깃 {name}: 레이블 {low}..{high}</translation>
    </message>
    <message>
        <source>target {name} {shape}</source>
        <translation>타깃 {name} {shape}</translation>
    </message>
    <message>
        <source>The data has no input named {name!r}; it has {names}</source>
        <translation>데이터에 이름이 {name!r}인 입력이 없습니다. 있는 입력: {names}</translation>
    </message>
    <message>
        <source>Input {name!r} must be numbers; found an array of {dtype}</source>
        <translation>입력 {name!r}은(는) 숫자여야 하는데 {dtype} 배열입니다</translation>
    </message>
    <message>
        <source>Input {name!r} expects samples of shape {want}; found samples of shape {found}</source>
        <translation>입력 {name!r}은(는) 모양이 {want}인 샘플을 받는데 데이터의 샘플 모양은 {found}입니다</translation>
    </message>
    <message>
        <source>Input {name!r} holds NaN or infinite values</source>
        <translation>입력 {name!r}에 NaN이나 무한대 값이 있습니다</translation>
    </message>
    <message>
        <source>{source} has {count} columns; --target {target} is outside them</source>
        <translation>{source}의 열은 {count}개입니다. --target {target}은(는) 그 범위 밖입니다</translation>
    </message>
    <message>
        <source>{path} line {line}, column {column!r}: expected a finite number; found {cell!r}</source>
        <translation>{path} {line}행, {column!r} 열: 유한한 숫자여야 하는데 {cell!r}입니다</translation>
    </message>
    <message>
        <source>{path} is not an IDX file (bad magic number)</source>
        <translation>{path}은(는) IDX 파일이 아닙니다 (매직 넘버가 잘못되었습니다)</translation>
    </message>
    <message>
        <source>{path}: expected an IDX file of 1 to 8 dimensions; the header says {ndim}</source>
        <translation>{path}: 1~8차원 IDX 파일이어야 하는데 헤더에는 {ndim}차원이라고 되어 있습니다</translation>
    </message>
    <message>
        <source>{path}: the header promises {ndim} dimensions; the file ends inside the header</source>
        <translation>{path}: 헤더에는 {ndim}차원이라고 되어 있는데 파일이 헤더 도중에 끝납니다</translation>
    </message>
    <message>
        <source>{path}: the header promises {dims} values ({size}); Layerwire reads at most {most}</source>
        <translation>{path}: 헤더에 적힌 값의 모양은 {dims}({size})입니다. Layerwire는 {most}까지 읽습니다</translation>
    </message>
    <message>
        <source>no suffix</source>
        <translation>확장자 없음</translation>
    </message>
    <message>
        <source>{path} line {line} has {count:,} columns; Layerwire reads at most {most:,}</source>
        <translation>{path} {line}행의 열이 {count:,}개입니다. Layerwire는 {most:,}개까지 읽습니다</translation>
    </message>
    <message>
        <source>a tensor or a list of tensors</source>
        <translation>텐서 하나 또는 텐서의 리스트</translation>
    </message>
    <message>
        <source>{type}&apos;s initial state is {names}: wire all {count} after the sequence, or none; got {got}</source>
        <translation>{type}의 초기 상태는 {names}입니다. 시퀀스 다음에 {count}개를 모두 연결하거나 하나도 연결하지 마세요. 연결된 수: {got}</translation>
    </message>
    <message>
        <source>{where}: trained&apos;s settings name the settings the run was made with</source>
        <translation>{where}: trained의 settings에는 그 학습 실행에 쓰인 설정을 적습니다</translation>
    </message>
    <message>
        <source>{where}: {kind} asks for {names}, which are not training settings (those are {known})</source>
        <translation>{where}: {kind}이(가) 요구하는 {names}은(는) 학습 설정이 아닙니다(학습 설정: {known})</translation>
    </message>
    <message>
        <source>{path} line {line}, column {column!r}: expected a number; found {cell!r}</source>
        <translation>{path} {line}행, {column!r} 열: 숫자여야 하는데 {cell!r}입니다</translation>
    </message>
    <message>
        <source>{about}; targets: the inputs, not the labels</source>
        <translation>{about}; 타깃: 레이블이 아니라 입력</translation>
    </message>
    <message>
        <source>{about}; training on all {total} samples: fewer than the {count} asked for</source>
        <translation>{about}; 샘플 {total}개 전부로 학습(요청한 {count}개보다 적음)</translation>
    </message>
    <message>
        <source>targets_from_inputs needs a model of one input, or of as many inputs as outputs; the model has {inputs} inputs and {outputs} outputs</source>
        <translation>targets_from_inputs에는 입력이 하나이거나 입력과 출력의 수가 같은 모델이 필요합니다. 이 모델은 입력 {inputs}개, 출력 {outputs}개입니다</translation>
    </message>
    <message>
        <source>targets_from_inputs: output {output!r} gives samples of shape {want}, but its target, input {name!r}, has samples of shape {found}; an autoencoder&apos;s output must have its input&apos;s shape</source>
        <translation>targets_from_inputs: 출력 {output!r}의 샘플 모양은 {want}인데, 그 타깃인 입력 {name!r}의 샘플 모양은 {found}입니다. 오토인코더의 출력은 입력과 모양이 같아야 합니다</translation>
    </message>
    <message>
        <source>The download of {file} was cancelled; nothing was kept</source>
        <translation>{file} 내려받기를 취소했습니다. 아무것도 남기지 않았습니다</translation>
    </message>
    <message>
        <source>There is no data set {name!r} to download; there are {names}</source>
        <translation>내려받을 데이터셋 {name!r}은(는) 없습니다. 있는 데이터셋: {names}</translation>
    </message>
    <message>
        <source>The connection to {url} dropped after {received:,} of {expected:,} bytes; nothing was kept, try again</source>
        <translation>{url}과(와)의 연결이 {expected:,}바이트 중 {received:,}바이트를 받은 뒤 끊겼습니다. 아무것도 남기지 않았습니다. 다시 시도하세요</translation>
    </message>
    <message>
        <source>The connection to {url} dropped after {received:,} bytes; nothing was kept, try again</source>
        <translation>{url}과(와)의 연결이 {received:,}바이트를 받은 뒤 끊겼습니다. 아무것도 남기지 않았습니다. 다시 시도하세요</translation>
    </message>
    <message>
        <source>{path} is not the file expected (SHA-256 {received}, expected {expected}); it was deleted</source>
        <translation>{path}은(는) 기대한 파일이 아닙니다 (SHA-256 {received}, 기대한 값 {expected}). 파일을 지웠습니다</translation>
    </message>
    <message>
        <source>Cannot write to the data folder {folder} ({error}); set LAYERWIRE_DATA_DIR to a folder you can write to</source>
        <translation>데이터 폴더 {folder}에 쓸 수 없습니다 ({error}). LAYERWIRE_DATA_DIR를 쓸 수 있는 폴더로 정하세요</translation>
    </message>
    <message>
        <source>{file} from {url} is not the file expected (SHA-256 {received}, expected {expected}); it was deleted</source>
        <translation>{url}에서 받은 {file}은(는) 기대한 파일이 아닙니다 (SHA-256 {received}, 기대한 값 {expected}). 파일을 지웠습니다</translation>
    </message>
    <message>
        <source>Cannot download {file}: {url} answered {code} {reason}</source>
        <translation>{file}을(를) 내려받을 수 없습니다: {url}이(가) {code} {reason}(으)로 응답했습니다</translation>
    </message>
    <message>
        <source>Cannot download {file}: {url} cannot be reached ({reason}). Without a network, put {file} in {folder} by hand (a copy Keras made, {keras}, is used too) and try again</source>
        <translation>{file}을(를) 내려받을 수 없습니다: {url}에 연결할 수 없습니다 ({reason}). 네트워크가 없으면 {file}을(를) {folder}에 직접 넣고 다시 시도하세요 (Keras가 받아 둔 {keras}도 쓸 수 있습니다)</translation>
    </message>
    <message>
        <source>{url} would send {size}; a data file may have at most {most}</source>
        <translation>{url}이(가) {size}를 보내려 합니다. 데이터 파일은 최대 {most}까지입니다</translation>
    </message>
    <message>
        <source>{url} sends more than {most}, the most a data file may have</source>
        <translation>{url}이(가) 데이터 파일의 최대 크기인 {most}보다 많이 보냅니다</translation>
    </message>
    <message>
        <source>A folder of images needs a model whose input is an image: (height, width, 1 or 3), (height, width) or a square number of pixels; its input takes samples of shape {shape}</source>
        <translation>이미지 폴더에는 입력이 이미지인 모델이 필요합니다: (높이, 너비, 1 또는 3), (높이, 너비) 또는 제곱수 개의 픽셀. 이 모델의 입력은 모양이 {shape}인 샘플을 받습니다</translation>
    </message>
    <message>
        <source>{path} is empty; expected one subfolder per class, each holding that class&apos;s images</source>
        <translation>{path}이(가) 비어 있습니다. 클래스마다 하위 폴더가 하나씩 있고 각 폴더에 그 클래스의 이미지가 있어야 합니다</translation>
    </message>
    <message>
        <source>{path} has no subfolders; expected one subfolder per class, each holding that class&apos;s images (found {files} files, {images} of them images)</source>
        <translation>{path}에 하위 폴더가 없습니다. 클래스마다 하위 폴더가 하나씩 있고 각 폴더에 그 클래스의 이미지가 있어야 합니다(파일 {files}개, 그중 이미지 {images}개를 찾았습니다)</translation>
    </message>
    <message>
        <source>{path}: none of its {count} images can be read</source>
        <translation>{path}: 이미지 {count}장 중 읽을 수 있는 것이 없습니다</translation>
    </message>
    <message>
        <source>The class folder {path} holds no images; expected PNG, JPEG, BMP or GIF files in it</source>
        <translation>클래스 폴더 {path}에 이미지가 없습니다. PNG, JPEG, BMP 또는 GIF 파일이 있어야 합니다</translation>
    </message>
    <message>
        <source>Skipped {path}: not a readable image ({error})</source>
        <translation>{path}을(를) 건너뛰었습니다: 읽을 수 없는 이미지입니다({error})</translation>
    </message>
    <message>
        <source>{path} is streamed in batches, decoding the next ones while one trains</source>
        <translation>{path}은(는) 배치 단위로 스트리밍되며, 한 배치를 학습하는 동안 다음 배치를 디코딩합니다</translation>
    </message>
    <message>
        <source>targets_from_inputs: the folder of images {name!r} is streamed in batches, too large to be held as targets as well; use fewer or smaller images</source>
        <translation>targets_from_inputs: 이미지 폴더 {name!r}은(는) 배치 단위로 스트리밍되므로 타깃으로도 메모리에 둘 수 없습니다. 이미지 수를 줄이거나 더 작은 이미지를 쓰세요</translation>
    </message>
    <message>
        <source>{path}: {count:,} images of {height}×{width}×{channels} would need {size} decoded; Layerwire keeps at most {room} of images in memory here, so it streams the folder in batches, decoding the next ones while one trains</source>
        <translation>{path}: {height}×{width}×{channels} 이미지 {count:,}장을 디코딩하면 {size}가 필요합니다. 이 컴퓨터에서 Layerwire가 메모리에 두는 이미지는 최대 {room}이므로, 폴더를 배치 단위로 스트리밍하여 한 배치를 학습하는 동안 다음 배치를 디코딩합니다</translation>
    </message>
    <message>
        <source>{path} is not a readable image ({error}); remove it, or let Layerwire skip damaged images</source>
        <translation>{path}은(는) 읽을 수 없는 이미지입니다({error}). 이 파일을 지우거나, 손상된 이미지를 건너뛰도록 하세요</translation>
    </message>
    <message>
        <source>Reading {path} was cancelled</source>
        <translation>{path} 읽기를 취소했습니다</translation>
    </message>
    <message>
        <source>{path} is not an image Layerwire can read (PNG, JPEG, BMP or GIF)</source>
        <translation>{path}은(는) Layerwire가 읽을 수 있는 이미지(PNG, JPEG, BMP, GIF)가 아닙니다</translation>
    </message>
    <message>
        <source>Cannot read the image {path}: {reason}</source>
        <translation>이미지 {path}을(를) 읽을 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>Keras&apos;s MNIST, 28×28 handwritten digits, 10 classes</source>
        <translation>Keras의 MNIST, 28×28 손글씨 숫자, 클래스 10개</translation>
    </message>
    <message>
        <source>Keras&apos;s Fashion-MNIST, 28×28 pictures of clothes, 10 classes</source>
        <translation>Keras의 Fashion-MNIST, 28×28 옷 사진, 클래스 10개</translation>
    </message>
    <message>
        <source>Keras&apos;s CIFAR-10, 32×32 colour photos of 10 kinds of things</source>
        <translation>Keras의 CIFAR-10, 10가지 사물의 32×32 컬러 사진</translation>
    </message>
    <message>
        <source>{name} is not downloaded yet: choose it in the Training dock, or train with --data {name}, to download it once</source>
        <translation>{name}은(는) 아직 내려받지 않았습니다. 학습 패널에서 고르거나 --data {name}(으)로 학습하면 한 번 내려받습니다</translation>
    </message>
    <message>
        <source>{where} must hold x_train, y_train, x_test and y_test; it lacks {names}</source>
        <translation>{where}에는 x_train, y_train, x_test, y_test가 있어야 합니다. 없는 배열: {names}</translation>
    </message>
    <message>
        <source>{path} lacks the CIFAR batches {names}</source>
        <translation>{path}에 CIFAR 배치 {names}이(가) 없습니다</translation>
    </message>
    <message>
        <source>{where} is not a CIFAR batch (expected a dict; found {kind})</source>
        <translation>{where}은(는) CIFAR 배치가 아닙니다 (dict가 필요한데 {kind}이(가) 있습니다)</translation>
    </message>
    <message>
        <source>{where}: expected &apos;data&apos;, uint8 pixels of shape (n, 3072); found {found}</source>
        <translation>{where}: &apos;data&apos;에 모양 (n, 3072)의 uint8 픽셀이 필요합니다. 있는 것: {found}</translation>
    </message>
    <message>
        <source>{where}: expected &apos;labels&apos;, a list of {count} class numbers</source>
        <translation>{where}: &apos;labels&apos;에 클래스 번호 {count}개의 목록이 필요합니다</translation>
    </message>
    <message>
        <source>{where}: labels must be from 0 to 9; found {low} to {high}</source>
        <translation>{where}: 레이블은 0부터 9까지여야 합니다. {low}부터 {high}까지가 있습니다</translation>
    </message>
    <message>
        <source>{where}: {name} must hold numbers; found an array of {dtype}</source>
        <translation>{where}: {name}은(는) 숫자여야 합니다. {dtype} 배열이 있습니다</translation>
    </message>
    <message>
        <source>{where}: {x} has shape {x_shape} and {y} has shape {y_shape}; expected samples of one or more dimensions and one target per sample</source>
        <translation>{where}: {x}의 모양은 {x_shape}, {y}의 모양은 {y_shape}입니다. 샘플은 1차원 이상이고 샘플마다 타깃이 하나 있어야 합니다</translation>
    </message>
    <message>
        <source>{images} and {labels}: expected uint8 images (n, rows, columns) and n labels; found {x} {x_shape} and {y_shape}</source>
        <translation>{images}와(과) {labels}: uint8 이미지 (n, 행, 열)과 레이블 n개가 필요합니다. 있는 것: {x} {x_shape}, {y_shape}</translation>
    </message>
    <message>
        <source>{path} is not a readable .tar.gz archive ({error})</source>
        <translation>{path}은(는) 읽을 수 있는 .tar.gz 압축 파일이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{where} is not a CIFAR batch ({error})</source>
        <translation>{where}은(는) CIFAR 배치가 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{path}: {member} is {size:,} bytes; a CIFAR batch has about 31 million</source>
        <translation>{path}: {member}은(는) {size:,}바이트입니다. CIFAR 배치는 약 3천 1백만 바이트입니다</translation>
    </message>
    <message>
        <source>Training would need about {size} of memory ({parts}, batch size {batch_size}); this machine has {room} available — use a smaller batch size, fewer units or less data</source>
        <translation>학습에 메모리가 약 {size} 필요한데({parts}, 배치 크기 {batch_size}) 이 컴퓨터에서 쓸 수 있는 메모리는 {room}입니다 — 배치 크기를 줄이거나, 유닛 수를 줄이거나, 데이터를 줄이세요</translation>
    </message>
    <message>
        <source>weights {size}</source>
        <translation>가중치 {size}</translation>
    </message>
    <message>
        <source>gradients {size}</source>
        <translation>그레이디언트 {size}</translation>
    </message>
    <message>
        <source>optimizer {size}</source>
        <translation>옵티마이저 {size}</translation>
    </message>
    <message>
        <source>activations {size}</source>
        <translation>활성값 {size}</translation>
    </message>
    <message>
        <source>data {size}</source>
        <translation>데이터 {size}</translation>
    </message>
    <message>
        <source>The data&apos;s sizes {sizes} do not fit the model: {problem}</source>
        <translation>데이터의 크기 {sizes}가 모델에 맞지 않습니다: {problem}</translation>
    </message>
    <message>
        <source>Input {name!r} leaves sizes open {shape}; the model runs on data that gives them</source>
        <translation>입력 {name!r}의 크기가 열려 있습니다 {shape}. 모델은 그 크기를 주는 데이터로 실행됩니다</translation>
    </message>
    <message>
        <source>Input {name!r} expects samples of shape {want}; received samples of shape {found}</source>
        <translation>입력 {name!r}은(는) {want} 모양의 샘플을 받습니다. 받은 샘플 모양: {found}</translation>
    </message>
    <message>
        <source>The model has no output</source>
        <translation>모델에 출력이 없습니다</translation>
    </message>
    <message>
        <source>The data has no targets for the output {name!r}</source>
        <translation>데이터에 출력 {name!r}의 타깃이 없습니다</translation>
    </message>
    <message>
        <source>the model has no data set in its training settings; choose one in the Training dock, or train once with --data</source>
        <translation>모델의 학습 설정에 데이터 세트가 없습니다. 학습 패널에서 고르거나 --data로 한 번 학습하세요</translation>
    </message>
    <message>
        <source>Targets for {name!r} must be numbers; found an array of {dtype}</source>
        <translation>{name!r}의 타깃은 숫자여야 하는데 {dtype} 배열입니다</translation>
    </message>
    <message>
        <source>Targets for {name!r} hold NaN or infinite values</source>
        <translation>{name!r}의 타깃에 NaN이나 무한대 값이 있습니다</translation>
    </message>
    <message>
        <source>Labels for {name!r} must have shape {want} (one class number per sample); found {found}</source>
        <translation>{name!r}의 레이블은 모양이 {want}(샘플마다 클래스 번호 하나)이어야 하는데 {found}입니다</translation>
    </message>
    <message>
        <source>Targets for {name!r} must have shape {want}; found {found}</source>
        <translation>{name!r}의 타깃은 모양이 {want}이어야 하는데 {found}입니다</translation>
    </message>
    <message>
        <source>Labels for {name!r} must be whole numbers; found {value:g}</source>
        <translation>{name!r}의 레이블은 정수여야 하는데 {value:g}이(가) 있습니다</translation>
    </message>
    <message>
        <source>Labels for {name!r} must be from 0 to {most} (the output has {classes} units); found labels from {low} to {high}</source>
        <translation>{name!r}의 레이블은 0부터 {most}까지여야 합니다(출력의 유닛이 {classes}개). 받은 레이블: {low}부터 {high}까지</translation>
    </message>
    <message>
        <source>There is no training data left (validation_split takes every sample)</source>
        <translation>남은 학습 데이터가 없습니다 (validation_split이 모든 샘플을 가져갑니다)</translation>
    </message>
    <message>
        <source>The data has no targets for the output {name!r}; it has {names}</source>
        <translation>데이터에 출력 {name!r}의 타깃이 없습니다. 있는 타깃: {names}</translation>
    </message>
    <message>
        <source>{samples} samples but {targets} targets for {name!r}</source>
        <translation>샘플은 {samples}개인데 {name!r}의 타깃은 {targets}개입니다</translation>
    </message>
    <message>
        <source>The loss became {loss} at epoch {epoch}, batch {batch}; try a smaller learning rate or check the data</source>
        <translation>에포크 {epoch}, 배치 {batch}에서 손실이 {loss}이(가) 되었습니다. 학습률을 낮추거나 데이터를 확인하세요</translation>
    </message>
</context>
<context>
    <name>Diagram</name>
    <message>
        <source>could not encode the diagram as PNG for {0}</source>
        <translation>{0}에 쓸 다이어그램을 PNG로 인코딩할 수 없습니다</translation>
    </message>
    <message>
        <source>could not write {0}</source>
        <translation>{0}에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>a diagram is saved as .png or .svg; received {0!r}</source>
        <translation>다이어그램은 .png나 .svg로 저장합니다. 받은 이름: {0!r}</translation>
    </message>
</context>
<context>
    <name>Edits</name>
    <message>
        <source>Add {0}</source>
        <translation>{0} 추가</translation>
    </message>
    <message>
        <source>Insert {0}</source>
        <translation>{0} 끼워 넣기</translation>
    </message>
    <message>
        <source>Change {0} of {1}</source>
        <translation>{1}의 {0} 변경</translation>
    </message>
    <message>
        <source>Call layer again</source>
        <translation>레이어 다시 호출</translation>
    </message>
    <message>
        <source>Call {0} layers again</source>
        <translation>레이어 {0}개 다시 호출</translation>
    </message>
    <message>
        <source>Call {0} again</source>
        <translation>{0} 다시 호출</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>노드 삭제</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Delete {0} nodes</source>
        <translation>노드 {0}개 삭제</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>{0} 삭제</translation>
    </message>
    <message>
        <source>Cut {0} nodes</source>
        <translation>노드 {0}개 잘라내기</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <source>Disconnect {0} wires</source>
        <translation>연결 {0}개 끊기</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>Move {0} nodes</source>
        <translation>노드 {0}개 이동</translation>
    </message>
    <message>
        <source>Auto-layout left to right</source>
        <translation>자동 배치: 왼쪽에서 오른쪽</translation>
    </message>
    <message>
        <source>Auto-layout top to bottom</source>
        <translation>자동 배치: 위에서 아래</translation>
    </message>
    <message>
        <source>Mark {0} as output</source>
        <translation>{0}을(를) 출력으로 지정</translation>
    </message>
    <message>
        <source>Unmark {0} as output</source>
        <translation>{0}의 출력 지정 해제</translation>
    </message>
    <message>
        <source>Set outputs</source>
        <translation>출력 지정</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>레이어 이름 바꾸기</translation>
    </message>
    <message>
        <source>Rename model</source>
        <translation>모델 이름 바꾸기</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>Paste {0}</source>
        <translation>{0} 붙여넣기</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>복제</translation>
    </message>
    <message>
        <source>Duplicate {0}</source>
        <translation>{0} 복제</translation>
    </message>
    <message>
        <source>Group into {0}</source>
        <translation>{0}(으)로 묶기</translation>
    </message>
    <message>
        <source>Dissolve {0}</source>
        <translation>{0} 풀기</translation>
    </message>
    <message>
        <source>New model {0}</source>
        <translation>새 모델 {0}</translation>
    </message>
    <message>
        <source>Rename model {0}</source>
        <translation>모델 {0} 이름 바꾸기</translation>
    </message>
    <message>
        <source>Remove model {0}</source>
        <translation>모델 {0} 제거</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>모델</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The details were written to {0}.</source>
        <translation>자세한 내용은 {0}에 기록했습니다.</translation>
    </message>
    <message>
        <source>Something went wrong in {0}: {1}</source>
        <translation>{0}에서 문제가 생겼습니다: {1}</translation>
    </message>
    <message>
        <source>Something went wrong: {0}</source>
        <translation>문제가 생겼습니다: {0}</translation>
    </message>
    <message>
        <source>Your work is still open; save it to be safe.</source>
        <translation>작업 내용은 그대로 열려 있습니다. 안전하게 저장해 두세요.</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>예기치 않은 오류</translation>
    </message>
</context>
<context>
    <name>FeatureMaps</name>
    <message>
        <source>{0} filters of {1}</source>
        <translation>{1} 크기의 필터 {0}개</translation>
    </message>
    <message>
        <source>{0} feature maps of {1} × {2}</source>
        <translation>{1} × {2} 크기의 특징 맵 {0}개</translation>
    </message>
    <message>
        <source>{0} channels over {1} steps</source>
        <translation>{1} 스텝에 걸친 채널 {0}개</translation>
    </message>
    <message>
        <source>{0} values</source>
        <translation>값 {0}개</translation>
    </message>
    <message>
        <source>{0} (the first {1} shown)</source>
        <translation>{0} (처음 {1}개만 표시)</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Shape</source>
        <translation>형태</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>유닛 수</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Use bias</source>
        <translation>편향 사용</translation>
    </message>
    <message>
        <source>Kernel initializer</source>
        <translation>커널 초기화</translation>
    </message>
    <message>
        <source>Bias initializer</source>
        <translation>편향 초기화</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>필터 수</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>커널 크기</translation>
    </message>
    <message>
        <source>Strides</source>
        <translation>스트라이드</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>패딩</translation>
    </message>
    <message>
        <source>Dilation rate</source>
        <translation>팽창 비율</translation>
    </message>
    <message>
        <source>Output padding</source>
        <translation>출력 패딩</translation>
    </message>
    <message>
        <source>Depth multiplier</source>
        <translation>깊이 배수</translation>
    </message>
    <message>
        <source>Depthwise initializer</source>
        <translation>깊이별 커널 초기화</translation>
    </message>
    <message>
        <source>Pointwise initializer</source>
        <translation>점별 커널 초기화</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>풀 크기</translation>
    </message>
    <message>
        <source>Keep dims</source>
        <translation>차원 유지</translation>
    </message>
    <message>
        <source>Target shape</source>
        <translation>목표 형태</translation>
    </message>
    <message>
        <source>Cropping</source>
        <translation>자르기</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>축</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Epsilon</source>
        <translation>엡실론</translation>
    </message>
    <message>
        <source>Center</source>
        <translation>중심화</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>스케일</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Data type</source>
        <translation>데이터 형식</translation>
    </message>
    <message>
        <source>Vocabulary size</source>
        <translation>어휘 크기</translation>
    </message>
    <message>
        <source>Vector size</source>
        <translation>벡터 크기</translation>
    </message>
    <message>
        <source>Embeddings initializer</source>
        <translation>임베딩 초기화</translation>
    </message>
    <message>
        <source>Mask zero</source>
        <translation>0 마스킹</translation>
    </message>
    <message>
        <source>Recurrent activation</source>
        <translation>순환 활성화 함수</translation>
    </message>
    <message>
        <source>Recurrent initializer</source>
        <translation>순환 초기화</translation>
    </message>
    <message>
        <source>Forget gate bias 1</source>
        <translation>망각 게이트 편향 1</translation>
    </message>
    <message>
        <source>Return sequences</source>
        <translation>시퀀스 반환</translation>
    </message>
    <message>
        <source>Return state</source>
        <translation>상태 반환</translation>
    </message>
    <message>
        <source>Go backwards</source>
        <translation>거꾸로 읽기</translation>
    </message>
    <message>
        <source>Unroll</source>
        <translation>펼치기(unroll)</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>반복 횟수</translation>
    </message>
    <message>
        <source>Axes order</source>
        <translation>축 순서</translation>
    </message>
    <message>
        <source>Wrapped layer</source>
        <translation>감싼 레이어</translation>
    </message>
    <message>
        <source>Merge mode</source>
        <translation>병합 방식</translation>
    </message>
</context>
<context>
    <name>FilesMenu</name>
    <message>
        <source>Layerwire projects (*.lwire)</source>
        <translation>Layerwire 프로젝트 (*.lwire)</translation>
    </message>
    <message>
        <source>Keras models (*.keras)</source>
        <translation>Keras 모델 (*.keras)</translation>
    </message>
    <message>
        <source>Layerwire and Keras models (*.lwire *.keras *.h5)</source>
        <extracomment>File-dialog filters, marked for lupdate (context FilesMenu); :func:`file_filter` translates them.</extracomment>
        <translation>Layerwire 및 Keras 모델 (*.lwire *.keras *.h5)</translation>
    </message>
    <message>
        <source>Keras 2 models (*.h5 *.hdf5)</source>
        <translation>Keras 2 모델 (*.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>Keras models (*.keras *.json *.h5 *.hdf5)</source>
        <translation>Keras 모델 (*.keras *.json *.h5 *.hdf5)</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 이미지 (*.svg)</translation>
    </message>
    <message>
        <source>ONNX Model…</source>
        <extracomment>Formats in File → Export As, with their menu labels (the .keras export has its own action). The labels are marked for lupdate (context FilesMenu) and translated where the menu is made.</extracomment>
        <translation>ONNX 모델…</translation>
    </message>
    <message>
        <source>Keras Script and Weights…</source>
        <translation>Keras 스크립트와 가중치…</translation>
    </message>
    <message>
        <source>PyTorch Script and Weights…</source>
        <translation>PyTorch 스크립트와 가중치…</translation>
    </message>
    <message>
        <source>Keras Training Script, Data and Weights…</source>
        <translation>Keras 학습 스크립트, 데이터 및 가중치…</translation>
    </message>
    <message>
        <source>Weights (.npz)…</source>
        <translation>가중치(.npz)…</translation>
    </message>
    <message>
        <source>Summary (.txt)…</source>
        <translation>요약(.txt)…</translation>
    </message>
    <message>
        <source>Model Plot (PNG or SVG)…</source>
        <translation>모델 그림(PNG 또는 SVG)…</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>ONNX 모델 (*.onnx)</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 스크립트 (*.py)</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 아카이브 (*.npz)</translation>
    </message>
    <message>
        <source>Text (*.txt)</source>
        <translation>텍스트 (*.txt)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new model</source>
        <translation>새 모델을 시작합니다</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .lwire project or a .keras model</source>
        <translation>.lwire 프로젝트나 .keras 모델을 엽니다</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>프로젝트를 저장합니다</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import .keras…</source>
        <translation>.keras 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>Open a Keras model as a new project</source>
        <translation>Keras 모델을 새 프로젝트로 엽니다</translation>
    </message>
    <message>
        <source>&amp;Export .keras…</source>
        <translation>.keras로 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the model as a .keras file</source>
        <translation>모델을 .keras 파일로 씁니다</translation>
    </message>
    <message>
        <source>Export &amp;Diagram…</source>
        <translation>다이어그램 내보내기(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the diagram as PNG or SVG</source>
        <translation>다이어그램을 PNG나 SVG로 저장합니다</translation>
    </message>
    <message>
        <source>Export &amp;As</source>
        <translation>다른 형식으로 내보내기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일(&amp;R)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>예제(&amp;X)</translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>최근 목록 지우기</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>Could not open the file</source>
        <translation>파일을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Import Keras model</source>
        <translation>Keras 모델 가져오기</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>프로젝트 저장</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0}에 저장했습니다</translation>
    </message>
    <message>
        <source>Export .keras</source>
        <translation>.keras로 내보내기</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Export diagram</source>
        <translation>다이어그램 내보내기</translation>
    </message>
    <message>
        <source>Could not export the diagram</source>
        <translation>다이어그램을 내보낼 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>MNIST digits (the guide&apos;s first model)</source>
        <translation>MNIST 숫자 (가이드의 첫 번째 모델)</translation>
    </message>
    <message>
        <source>784 pixel values → Dense 64 relu → Dense 64 relu → Dense 10: the first model of the Keras Functional API guide. Look at the summary: 55,050 parameters.</source>
        <translation>784개의 픽셀 값 → Dense 64 relu → Dense 64 relu → Dense 10: Keras 함수형 API 가이드의 첫 번째 모델입니다. 요약을 보면 파라미터가 55,050개입니다.</translation>
    </message>
    <message>
        <source>Several inputs and outputs</source>
        <translation>여러 입력과 출력</translation>
    </message>
    <message>
        <source>A support ticket&apos;s text features and metadata go in through two inputs, are joined with Concatenate, and come out as a priority (sigmoid) and a department (softmax).</source>
        <translation>고객 문의의 텍스트 특성과 메타데이터가 두 입력으로 들어가 Concatenate로 합쳐진 뒤, 우선순위(sigmoid)와 담당 부서(softmax) 두 출력으로 나옵니다.</translation>
    </message>
    <message>
        <source>Residual MLP</source>
        <translation>잔차 MLP</translation>
    </message>
    <message>
        <source>Two residual connections: Add sums a block&apos;s input with its output, as in the guide&apos;s toy ResNet, so the signal has a short path around each block.</source>
        <translation>잔차 연결이 두 개 있습니다. 가이드의 작은 ResNet처럼 Add가 블록의 입력과 출력을 더하므로 신호가 각 블록을 건너뛰는 짧은 경로를 갖습니다.</translation>
    </message>
    <message>
        <source>Shared layer (Siamese)</source>
        <translation>공유 레이어 (샴 네트워크)</translation>
    </message>
    <message>
        <source>One Dense encoder called on two inputs: both calls use the same weights, counted once. Subtract compares the two encodings.</source>
        <translation>Dense 인코더 하나를 두 입력에 호출합니다. 두 호출은 같은 가중치를 쓰며 파라미터는 한 번만 셉니다. Subtract가 두 인코딩을 비교합니다.</translation>
    </message>
    <message>
        <source>Spiral classifier</source>
        <translation>나선 분류기</translation>
    </message>
    <message>
        <source>Two intertwined spirals, 2 → 64 → 64 → 2. A straight line cannot separate them; two hidden relu layers can.</source>
        <translation>서로 감긴 두 나선, 2 → 64 → 64 → 2. 직선으로는 나눌 수 없지만 relu 은닉 레이어 두 개면 나눌 수 있습니다.</translation>
    </message>
    <message>
        <source>Moons classifier</source>
        <translation>반달 분류기</translation>
    </message>
    <message>
        <source>Two interleaving half moons, one sigmoid output and binary cross-entropy. Train it on the built-in moons data set and watch the boundary bend.</source>
        <translation>서로 맞물린 두 반달 모양, sigmoid 출력 하나와 이진 크로스엔트로피. 내장 moons 데이터셋으로 학습하며 결정 경계가 휘는 모습을 보세요.</translation>
    </message>
    <message>
        <source>XOR classifier</source>
        <translation>XOR 분류기</translation>
    </message>
    <message>
        <source>The class is the XOR of the signs of two numbers — the classic problem one layer cannot solve. Eight tanh units are enough.</source>
        <translation>클래스는 두 수의 부호의 XOR입니다 — 레이어 하나로는 풀 수 없는 고전적인 문제죠. tanh 유닛 8개면 충분합니다.</translation>
    </message>
    <message>
        <source>Sine regression</source>
        <translation>사인 회귀</translation>
    </message>
    <message>
        <source>Regression instead of classification: learn y = sin(x) with two tanh layers, a linear output and the mean squared error.</source>
        <translation>분류 대신 회귀: tanh 레이어 두 개와 선형 출력, 평균 제곱 오차로 y = sin(x)를 학습합니다.</translation>
    </message>
    <message>
        <source>Handwritten digits (8×8)</source>
        <translation>손글씨 숫자 (8×8)</translation>
    </message>
    <message>
        <source>scikit-learn&apos;s 8×8 digits: 64 inputs, Dense 64 relu, Dropout and a softmax over 10 classes, trained with sparse categorical cross-entropy.</source>
        <translation>scikit-learn의 8×8 숫자 이미지: 입력 64개, Dense 64 relu, Dropout, 10개 클래스에 대한 softmax를 희소 범주형 크로스엔트로피로 학습합니다.</translation>
    </message>
    <message>
        <source>Digits as images: a small convnet</source>
        <translation>이미지로 본 숫자: 작은 합성곱 신경망</translation>
    </message>
    <message>
        <source>The same 8×8 digits seen as 8×8×1 images: two 3×3 convolutions find strokes wherever they are, pooling shrinks the image, and the mean of each feature map feeds the classifier.</source>
        <translation>같은 8×8 숫자를 8×8×1 이미지로 봅니다: 두 개의 3×3 합성곱이 획을 위치에 상관없이 찾고, 풀링이 이미지를 줄이며, 특징 맵마다의 평균이 분류기로 들어갑니다.</translation>
    </message>
    <message>
        <source>Simple MNIST convnet</source>
        <translation>간단한 MNIST 합성곱 신경망</translation>
    </message>
    <message>
        <source>Keras&apos;s classic convnet for 28×28 digits: Conv2D 32, MaxPooling, Conv2D 64, MaxPooling, Flatten, Dropout 0.5 and a softmax — 34,826 weights, fewer than mnist_model, and more accurate.</source>
        <translation>28×28 숫자를 위한 Keras의 고전적인 합성곱 신경망: Conv2D 32, MaxPooling, Conv2D 64, MaxPooling, Flatten, Dropout 0.5, softmax — 가중치는 34,826개로 mnist_model보다 적지만 더 정확합니다.</translation>
    </message>
    <message>
        <source>Convolutional autoencoder (the guide&apos;s encoder)</source>
        <translation>합성곱 오토인코더 (가이드의 인코더)</translation>
    </message>
    <message>
        <source>The guide&apos;s encoder squeezes a 28×28 image into 16 numbers (GlobalMaxPooling2D); the decoder grows them back with Conv2DTranspose and UpSampling2D into a 28×28 image.</source>
        <translation>가이드의 인코더는 28×28 이미지를 16개의 숫자로 압축하고(GlobalMaxPooling2D), 디코더는 Conv2DTranspose와 UpSampling2D로 이를 다시 28×28 이미지로 키웁니다.</translation>
    </message>
    <message>
        <source>Toy ResNet (the guide&apos;s CIFAR-10 model)</source>
        <translation>Toy ResNet (가이드의 CIFAR-10 모델)</translation>
    </message>
    <message>
        <source>Colour images 32×32×3 through 3×3 convolutions; twice, Add sums a block&apos;s input with its output (a residual connection). GlobalAveragePooling2D, Dense 256, Dropout and 10 classes: 223,242 weights.</source>
        <translation>32×32×3 컬러 이미지가 3×3 합성곱을 거칩니다. 두 번, Add가 블록의 입력과 출력을 더합니다(잔차 연결). GlobalAveragePooling2D, Dense 256, Dropout, 10개 클래스: 가중치 223,242개.</translation>
    </message>
    <message>
        <source>Models called like layers: decoder(encoder(img))</source>
        <translation>레이어처럼 호출하는 모델: decoder(encoder(img))</translation>
    </message>
    <message>
        <source>The guide&apos;s encoder and decoder are models of their own; the autoencoder calls each like a layer. Double-click the encoder to open it on its own canvas; the breadcrumb leads back.</source>
        <translation>가이드의 인코더와 디코더는 각각 하나의 모델이고, 오토인코더는 이들을 레이어처럼 호출합니다. 인코더를 더블 클릭하면 자신의 캔버스에서 열리고, 위쪽 경로 표시로 돌아올 수 있습니다.</translation>
    </message>
    <message>
        <source>An ensemble of three models</source>
        <translation>세 모델의 앙상블</translation>
    </message>
    <message>
        <source>Three small models read the same input and Average takes the mean of their answers, as in the guide&apos;s ensemble. Each model is a node; each keeps its own 129 weights.</source>
        <translation>가이드의 앙상블처럼 작은 모델 세 개가 같은 입력을 읽고, Average가 그 답의 평균을 냅니다. 각 모델은 하나의 노드이며 저마다 129개의 가중치를 가집니다.</translation>
    </message>
    <message>
        <source>The guide&apos;s ticket model: text in, priority and department out</source>
        <translation>가이드의 티켓 모델: 텍스트를 받아 우선순위와 부서를 예측</translation>
    </message>
    <message>
        <source>A ticket&apos;s title and body are token ids of any length; an Embedding and an LSTM read each, 12 tags join them, and two heads give a priority and a department, trained with two losses weighted 1.0 and 0.2 as in the guide.</source>
        <translation>티켓의 제목과 본문은 길이가 자유로운 토큰 번호입니다. 각각 Embedding과 LSTM이 읽고, 12개의 태그가 합쳐지며, 두 출력이 우선순위와 부서를 줍니다. 가이드처럼 가중치 1.0과 0.2의 두 손실로 학습합니다.</translation>
    </message>
    <message>
        <source>One Embedding shared by two texts</source>
        <translation>두 텍스트가 공유하는 Embedding 하나</translation>
    </message>
    <message>
        <source>The guide&apos;s shared layers: both texts are looked up in the same table of 1000 × 128 numbers, so what one text teaches it the other uses.</source>
        <translation>가이드의 공유 레이어: 두 텍스트가 같은 1000 × 128 표에서 벡터를 찾으므로, 한 텍스트가 가르친 것을 다른 텍스트도 씁니다.</translation>
    </message>
    <message>
        <source>Balanced brackets: an LSTM that keeps count</source>
        <translation>짝이 맞는 괄호: 개수를 세는 LSTM</translation>
    </message>
    <message>
        <source>Strings of 20 brackets, ten of each kind: only their order tells whether they balance. An Embedding turns each bracket into 8 numbers and an LSTM reads them one after another, keeping count; it learns the rule in a few epochs. Put GlobalAveragePooling1D in the LSTM&apos;s place and the model sees only which brackets occur, not in which order: it stays at 50 %.</source>
        <translation>괄호 20개로 된 문자열로, 두 종류가 10개씩 들어 있습니다: 짝이 맞는지는 순서만이 알려 줍니다. Embedding이 괄호 하나하나를 숫자 8개로 바꾸고 LSTM이 그것을 차례로 읽으며 개수를 셉니다. 몇 에포크면 규칙을 배웁니다. LSTM 자리에 GlobalAveragePooling1D를 넣으면 모델은 어떤 괄호가 있는지만 볼 뿐 순서는 보지 못해 50 %에 머뭅니다.</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>예제</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>{0} must be whole numbers separated by commas. Received: {1!r}</source>
        <translation>{0}은(는) 쉼표로 구분한 정수여야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a whole number or empty. Received: {1!r}</source>
        <translation>{0}은(는) 정수이거나 비어 있어야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>{0} must be a number. Received: {1!r}</source>
        <translation>{0}은(는) 숫자여야 합니다. 받은 값: {1!r}</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>모델 이름</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Model output</source>
        <translation>모델 출력</translation>
    </message>
    <message>
        <source>Mark this node as one of the model&apos;s outputs</source>
        <translation>이 노드를 모델의 출력으로 지정합니다</translation>
    </message>
    <message>
        <source>e.g. 32, 32, 3</source>
        <translation>예: 32, 32, 3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{0} nodes selected</source>
        <translation>노드 {0}개 선택됨</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>선택된 것 없음</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>올바름</translation>
    </message>
    <message>
        <source>{0} problem(s)</source>
        <translation>문제 {0}개</translation>
    </message>
    <message>
        <source>{0} nodes, {1} wires — {2}</source>
        <translation>노드 {0}개, 연결 {1}개 — {2}</translation>
    </message>
    <message>
        <source>Output shape: {0}</source>
        <translation>출력 모양: {0}</translation>
    </message>
    <message>
        <source>Shared layer: called at {0} nodes, one set of weights.</source>
        <translation>공유 레이어: 노드 {0}곳에서 호출되며 가중치는 한 벌입니다.</translation>
    </message>
</context>
<context>
    <name>IntsEditor</name>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Keep the values equal</source>
        <translation>값을 같게 유지</translation>
    </message>
</context>
<context>
    <name>LayerHelp</name>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>not trained</source>
        <translation>학습되지 않음</translation>
    </message>
    <message>
        <source>Computes</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>Keras documentation</source>
        <translation>Keras 문서</translation>
    </message>
</context>
<context>
    <name>LessonsPanel</name>
    <message>
        <source>No lesson</source>
        <translation>선택한 레슨 없음</translation>
    </message>
    <message>
        <source>Choose a lesson in Help → Lessons.</source>
        <translation>도움말 → 레슨에서 레슨을 고르세요.</translation>
    </message>
    <message>
        <source>%v of %m steps done</source>
        <translation>%m단계 중 %v단계 완료</translation>
    </message>
    <message>
        <source>Well done — every step is complete.</source>
        <translation>잘했어요 — 모든 단계를 마쳤습니다.</translation>
    </message>
    <message>
        <source>Hint:</source>
        <translation>힌트:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Keras code</source>
        <translation>Keras 코드</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>✔ valid model</source>
        <translation>✔ 올바른 모델</translation>
    </message>
    <message>
        <source>The graph is a valid Keras model</source>
        <translation>그래프가 올바른 Keras 모델입니다</translation>
    </message>
    <message>
        <source>✖ {0} problems</source>
        <translation>✖ 문제 {0}개</translation>
    </message>
    <message>
        <source>✖ 1 problem</source>
        <translation>✖ 문제 1개</translation>
    </message>
    <message>
        <source>Total params: {0}</source>
        <translation>전체 파라미터: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>거부됨: {0}</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>empty model</source>
        <translation>빈 모델</translation>
    </message>
    <message>
        <source>Add an InputLayer to begin</source>
        <translation>시작하려면 InputLayer를 추가하세요</translation>
    </message>
    <message>
        <source>⚠ {0} warnings</source>
        <translation>⚠ 경고 {0}개</translation>
    </message>
    <message>
        <source>⚠ 1 warning</source>
        <translation>⚠ 경고 1개</translation>
    </message>
    <message>
        <source>Counted once the model is valid</source>
        <translation>모델이 유효해지면 셉니다</translation>
    </message>
    <message>
        <source>Cut the selected nodes</source>
        <translation>선택한 노드를 잘라냅니다</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected nodes</source>
        <translation>선택한 노드를 복사합니다</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>Paste nodes from the clipboard</source>
        <translation>클립보드의 노드를 붙여넣습니다</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>Duplicate the selected nodes</source>
        <translation>선택한 노드를 복제합니다</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected nodes and wires</source>
        <translation>선택한 노드와 연결을 삭제합니다</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Call &amp;Again</source>
        <translation>다시 호출(&amp;A)</translation>
    </message>
    <message>
        <source>A new node calling the same layer (shared weights)</source>
        <translation>같은 레이어를 호출하는 새 노드(가중치 공유)</translation>
    </message>
    <message>
        <source>&amp;Group into Model</source>
        <translation>모델로 묶기(&amp;G)</translation>
    </message>
    <message>
        <source>Put the selected layers into a model of their own, called where they were</source>
        <translation>선택한 레이어를 별도의 모델로 묶고, 그 자리에서 모델을 호출합니다</translation>
    </message>
    <message>
        <source>Dissol&amp;ve Model</source>
        <translation>모델 풀기(&amp;V)</translation>
    </message>
    <message>
        <source>Put the layers of the selected nested model back in its place</source>
        <translation>선택한 중첩 모델의 레이어를 그 자리에 다시 펼칩니다</translation>
    </message>
    <message>
        <source>Add &amp;Layer…</source>
        <translation>레이어 추가(&amp;L)…</translation>
    </message>
    <message>
        <source>Search a layer to add (Tab)</source>
        <translation>추가할 레이어를 검색합니다(Tab)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>실제 크기(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>화면에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>그래프 전체를 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>격자에 맞추기(&amp;S)</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Left to Right</source>
        <translation>자동 배치: 왼쪽에서 오른쪽(&amp;L)</translation>
    </message>
    <message>
        <source>Arrange the nodes in layers</source>
        <translation>노드를 층별로 정렬합니다</translation>
    </message>
    <message>
        <source>Auto-layout &amp;Top to Bottom</source>
        <translation>자동 배치: 위에서 아래(&amp;T)</translation>
    </message>
    <message>
        <source>New &amp;Window</source>
        <translation>새 창(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Close Window</source>
        <translation>창 닫기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About Layerwire</source>
        <translation>Layerwire 정보(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>다시 실행</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>모델 열기</translation>
    </message>
    <message>
        <source>&amp;Undo {0}</source>
        <translation>실행 취소(&amp;U): {0}</translation>
    </message>
    <message>
        <source>&amp;Redo {0}</source>
        <translation>다시 실행(&amp;R): {0}</translation>
    </message>
    <message>
        <source>Undo the last step</source>
        <translation>마지막 단계를 취소합니다</translation>
    </message>
    <message>
        <source>Redo the step undone last</source>
        <translation>마지막으로 취소한 단계를 다시 실행합니다</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>실행 취소: {0}</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>다시 실행: {0}</translation>
    </message>
    <message>
        <source>The clipboard holds no Layerwire nodes</source>
        <translation>클립보드에 Layerwire 노드가 없습니다</translation>
    </message>
    <message>
        <source>Model Output</source>
        <translation>모델 출력</translation>
    </message>
    <message>
        <source>Show Weights</source>
        <translation>가중치 보기</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>연결 끊기</translation>
    </message>
    <message>
        <source>Add Layer…</source>
        <translation>레이어 추가…</translation>
    </message>
    <message>
        <source>About Layerwire</source>
        <translation>Layerwire 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layerwire&lt;/b&gt;&lt;br&gt;Build neural networks by wiring layers, as the Keras Functional API does.</source>
        <translation>&lt;b&gt;Layerwire&lt;/b&gt;&lt;br&gt;Keras 함수형 API처럼 레이어를 연결해 신경망을 만듭니다.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Save the changes to {0} before closing it?</source>
        <translation>닫기 전에 {0}의 변경 사항을 저장할까요?</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <source>The models this graph of layers defines; the chosen one is summarised and exported. Double-click a name to rename it.</source>
        <translation>이 레이어 그래프가 정의하는 모델들입니다. 선택한 모델의 요약을 보여 주고 그 모델을 내보냅니다. 이름을 더블 클릭하면 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>New Model from Selection</source>
        <translation>선택으로 새 모델</translation>
    </message>
    <message>
        <source>A model from the Inputs to the selected nodes, over the same layers</source>
        <translation>같은 레이어로, 입력에서 선택한 노드까지 이르는 모델</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Call in Graph</source>
        <translation>그래프에서 호출</translation>
    </message>
    <message>
        <source>A node that calls the chosen model as a layer, sharing its layers&apos; weights (the guide&apos;s encoder(img))</source>
        <translation>선택한 모델을 레이어처럼 호출하는 노드를 추가합니다. 레이어의 가중치를 공유합니다 (가이드의 encoder(img))</translation>
    </message>
    <message>
        <source>The main model: its outputs are the graph&apos;s</source>
        <translation>주 모델: 그래프의 출력이 이 모델의 출력입니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: from {1} to {2}; {3} parameters</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: {1}에서 {2}까지, 파라미터 {3}개</translation>
    </message>
    <message>
        <source>Open the main model&apos;s canvas to pick a model&apos;s outputs</source>
        <translation>모델의 출력을 고르려면 주 모델의 캔버스를 여세요</translation>
    </message>
    <message>
        <source>Select the layers the new model ends at</source>
        <translation>새 모델이 끝날 레이어를 선택하세요</translation>
    </message>
    <message>
        <source>Open the main model&apos;s canvas to call one of its models</source>
        <translation>모델을 호출하려면 메인 모델의 캔버스를 여세요</translation>
    </message>
</context>
<context>
    <name>PaddingEditor</name>
    <message>
        <source>before</source>
        <translation>앞</translation>
    </message>
    <message>
        <source>after</source>
        <translation>뒤</translation>
    </message>
    <message>
        <source>top</source>
        <translation>위</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>아래</translation>
    </message>
    <message>
        <source>left</source>
        <translation>왼쪽</translation>
    </message>
    <message>
        <source>right</source>
        <translation>오른쪽</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>핵심</translation>
    </message>
    <message>
        <source>Convolution</source>
        <translation>합성곱</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>풀링</translation>
    </message>
    <message>
        <source>Recurrent</source>
        <translation>순환</translation>
    </message>
    <message>
        <source>Reshaping</source>
        <translation>모양 바꾸기</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>병합</translation>
    </message>
    <message>
        <source>Normalization</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>Regularization</source>
        <translation>규제</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Search layers…</source>
        <translation>레이어 검색…</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>The model is not valid yet, so there is no {0}:</source>
        <translation>모델이 아직 올바르지 않아 {0}을(를) 만들 수 없습니다:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the {0} to the clipboard</source>
        <translation>{0}을(를) 클립보드에 복사</translation>
    </message>
    <message>
        <source>The {0} is not available in this build of Layerwire.</source>
        <translation>이 Layerwire 빌드에서는 {0}을(를) 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>No {0}: {1}</source>
        <translation>{0} 없음: {1}</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>요약</translation>
    </message>
    <message>
        <source>Expand nested models</source>
        <translation>중첩 모델 펼치기</translation>
    </message>
    <message>
        <source>List the layers of each nested model under its row, as Keras&apos;s summary(expand_nested=True) does</source>
        <translation>Keras의 summary(expand_nested=True)처럼 각 중첩 모델의 레이어를 그 행 아래에 나열합니다</translation>
    </message>
    <message>
        <source>Keras code</source>
        <translation>Keras 코드</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Recover unsaved work</source>
        <translation>저장하지 않은 작업 복구</translation>
    </message>
    <message>
        <source>Layerwire did not close properly last time. These documents had unsaved changes:</source>
        <translation>지난번에 Layerwire가 제대로 종료되지 않았습니다. 다음 문서에 저장하지 않은 변경 사항이 있습니다:</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Autosaved</source>
        <translation>자동 저장 시각</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>원본 파일</translation>
    </message>
    <message>
        <source>(never saved)</source>
        <translation>(저장한 적 없음)</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>복구(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>버리기(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>나중에(&amp;L)</translation>
    </message>
    <message>
        <source>{0} (autosaved {1}): {2}</source>
        <translation>{0} ({1}에 자동 저장): {2}</translation>
    </message>
    <message>
        <source>Could not recover</source>
        <translation>복구하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>SearchPopup</name>
    <message>
        <source>Add layer…</source>
        <translation>레이어 추가…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Search for a layer to add at the mouse</source>
        <extracomment>Keys the canvas handles itself (not menu commands), marked for lupdate (context Shortcuts).</extracomment>
        <translation>마우스 위치에 추가할 레이어 찾기</translation>
    </message>
    <message>
        <source>Double-click on the canvas</source>
        <translation>캔버스를 두 번 클릭</translation>
    </message>
    <message>
        <source>Search for a layer to add there</source>
        <translation>그 자리에 추가할 레이어 찾기</translation>
    </message>
    <message>
        <source>Space + drag, or middle button</source>
        <translation>스페이스 + 끌기, 또는 가운데 버튼</translation>
    </message>
    <message>
        <source>Pan the canvas</source>
        <translation>캔버스 이동</translation>
    </message>
    <message>
        <source>Mouse wheel</source>
        <translation>마우스 휠</translation>
    </message>
    <message>
        <source>Zoom at the mouse</source>
        <translation>마우스 위치에서 확대/축소</translation>
    </message>
    <message>
        <source>Cancel the wire or move being made</source>
        <translation>만드는 중인 연결이나 이동 취소</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Canvas</source>
        <translation>캔버스</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>메뉴</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
</context>
<context>
    <name>StepThrough</name>
    <message>
        <source>min {0:.4g}  max {1:.4g}  mean {2:.4g}</source>
        <extracomment>The rows a time step shows, in order: what the recurrent op names (see ``RecurrentOp.inside``).</extracomment>
        <translation>최솟값 {0:.4g}  최댓값 {1:.4g}  평균 {2:.4g}</translation>
    </message>
    <message>
        <source>Sample from the data set ({0})</source>
        <translation>데이터셋의 샘플 ({0})</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>0으로 채운 샘플</translation>
    </message>
    <message>
        <source>Random numbers</source>
        <translation>난수 샘플</translation>
    </message>
    <message>
        <source>Cannot run this model: {0}</source>
        <translation>이 모델을 실행할 수 없습니다: {0}</translation>
    </message>
    <message>
        <source>Choose a sample and press Start.</source>
        <translation>샘플을 고르고 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Loss {0}: {1:.6g}</source>
        <translation>손실 {0}: {1:.6g}</translation>
    </message>
    <message>
        <source>Forward {0}: output of {1} ({2})</source>
        <translation>순전파 {0}: {1}({2})의 출력</translation>
    </message>
    <message>
        <source>shape {0}</source>
        <translation>모양 {0}</translation>
    </message>
    <message>
        <source>the filters of {0}</source>
        <translation>{0}의 필터</translation>
    </message>
    <message>
        <source>gradient of the loss before the activation</source>
        <translation>활성화 함수 이전 값에 대한 손실의 그레이디언트</translation>
    </message>
    <message>
        <source>gradient of the loss with respect to the output</source>
        <translation>출력에 대한 손실의 그레이디언트</translation>
    </message>
    <message>
        <source>Backward {0}: {1} ({2}) — {3}</source>
        <translation>역전파 {0}: {1}({2}) — {3}</translation>
    </message>
    <message>
        <source>∂L/∂{0}, filter by filter</source>
        <translation>필터별 ∂L/∂{0}</translation>
    </message>
    <message>
        <source>input gate i</source>
        <translation>입력 게이트 i</translation>
    </message>
    <message>
        <source>forget gate f</source>
        <translation>망각 게이트 f</translation>
    </message>
    <message>
        <source>candidate g</source>
        <translation>후보 g</translation>
    </message>
    <message>
        <source>output gate o</source>
        <translation>출력 게이트 o</translation>
    </message>
    <message>
        <source>update gate z</source>
        <translation>업데이트 게이트 z</translation>
    </message>
    <message>
        <source>reset gate r</source>
        <translation>리셋 게이트 r</translation>
    </message>
    <message>
        <source>candidate h̃</source>
        <translation>후보 h̃</translation>
    </message>
    <message>
        <source>cell c</source>
        <translation>셀 c</translation>
    </message>
    <message>
        <source>state h</source>
        <translation>상태 h</translation>
    </message>
    <message>
        <source>Forward {0}: {1} ({2}), time step {3} of {4}</source>
        <translation>순전파 {0}: {1} ({2}), 타임스텝 {3}/{4}</translation>
    </message>
    <message>
        <source> (reading position {0})</source>
        <translation> (위치 {0}을(를) 읽는 중)</translation>
    </message>
    <message>
        <source>input x: {0}</source>
        <translation>입력 x: {0}</translation>
    </message>
    <message>
        <source>Gates are drawn on their range (full colour at 1); the cell and the state each to its own largest value.</source>
        <translation>게이트는 값의 범위에 맞춰 그립니다(1에서 가장 진한 색). 셀과 상태는 각각 자신의 최댓값에 맞춰 그립니다.</translation>
    </message>
    <message>
        <source>state h, steps 1 to {0}</source>
        <translation>상태 h, 스텝 1~{0}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 이전</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>다음 ▶</translation>
    </message>
    <message>
        <source>To the end ▶▶</source>
        <translation>끝까지 ▶▶</translation>
    </message>
    <message>
        <source>Sample number (the seed for random numbers)</source>
        <translation>샘플 번호(난수의 시드)</translation>
    </message>
</context>
<context>
    <name>Teaching</name>
    <message>
        <source>Lesson</source>
        <translation>레슨</translation>
    </message>
    <message>
        <source>Step Through</source>
        <translation>단계별 실행</translation>
    </message>
    <message>
        <source>Lesson complete — well done!</source>
        <translation>레슨 완료 — 잘했어요!</translation>
    </message>
    <message>
        <source>&amp;Examples…</source>
        <translation>예제(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Compare Runs…</source>
        <translation>학습 실행 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>레슨(&amp;L)</translation>
    </message>
    <message>
        <source>{0} (cannot be read)</source>
        <translation>{0}(읽을 수 없음)</translation>
    </message>
    <message>
        <source>Open a Lesson File…</source>
        <translation>레슨 파일 열기…</translation>
    </message>
    <message>
        <source>Open a lesson</source>
        <translation>레슨 열기</translation>
    </message>
    <message>
        <source>Lessons (*.json)</source>
        <translation>레슨 (*.json)</translation>
    </message>
    <message>
        <source>Could not open the lesson</source>
        <translation>레슨을 열 수 없습니다</translation>
    </message>
</context>
<context>
    <name>Training</name>
    <message>
        <source>mean |activation| on a probe batch: {0}</source>
        <translation>탐색 배치에서 |활성값|의 평균: {0}</translation>
    </message>
    <message>
        <source>mean |gradient| on a probe batch: {0}</source>
        <translation>탐색 배치에서 |그래디언트|의 평균: {0}</translation>
    </message>
    <message>
        <source>act</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>grad</source>
        <translation>기울기</translation>
    </message>
    <message>
        <source>Start</source>
        <extracomment>The speed slider&apos;s stops, in batches a second; the last (None) is as fast as the machine goes. Where the slider starts for 2-D data, whose decision boundary a class watches form.</extracomment>
        <translation>학습 시작</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Reset weights</source>
        <translation>가중치 초기화</translation>
    </message>
    <message>
        <source>Train the model from its current weights</source>
        <translation>현재 가중치에서 이어서 모델을 학습합니다</translation>
    </message>
    <message>
        <source>Draw new initial weights (from the seed) and clear the training history</source>
        <translation>(시드로부터) 새 초기 가중치를 만들고 학습 기록을 지웁니다</translation>
    </message>
    <message>
        <source>Show on nodes</source>
        <translation>노드에 표시</translation>
    </message>
    <message>
        <source>While training, show each node&apos;s mean activation or gradient size</source>
        <translation>학습하는 동안 각 노드의 평균 활성값 또는 그래디언트 크기를 표시합니다</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성값</translation>
    </message>
    <message>
        <source>gradient</source>
        <translation>그래디언트</translation>
    </message>
    <message>
        <source>How fast training goes: slow enough to watch the model learn, or as fast as it can</source>
        <translation>학습 속도: 모델이 배우는 모습을 볼 수 있을 만큼 느리게, 또는 가능한 한 빠르게</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>최고 속도</translation>
    </message>
    <message>
        <source>{0:g} batches/s</source>
        <translation>초당 배치 {0:g}개</translation>
    </message>
    <message>
        <source>The vectors of {0} ({1} ids × {2} numbers) on their two main directions, which hold {3:.0%} and {4:.0%} of their spread</source>
        <extracomment>Samples the confusion counts between runs (a run counts more): the numpy pass over them stays under a fifth of a second for the toy ResNet, so an edit never waits long. An embedding with at most this many rows has each point labelled with its id.</extracomment>
        <translation>{0}의 벡터(id {1}개 × 숫자 {2}개)를 두 주성분 방향에 놓았습니다. 두 방향이 퍼짐의 {3:.0%}와 {4:.0%}를 담고 있습니다</translation>
    </message>
    <message>
        <source>Select a node on the canvas to see its output for one sample.</source>
        <translation>캔버스에서 노드를 선택하면 샘플 하나에 대한 그 출력을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>{0} for the first sample of the data</source>
        <translation>데이터의 첫 번째 샘플에 대한 {0}</translation>
    </message>
    <message>
        <source>The filters of {0}, the first convolution</source>
        <translation>첫 번째 합성곱 {0}의 필터</translation>
    </message>
    <message>
        <source>Validation samples: predicted (true)</source>
        <translation>검증 샘플: 예측 (정답)</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>오차 행렬</translation>
    </message>
    <message>
        <source>This model&apos;s input is not an image: there is nothing to draw or open, only samples of the data to predict.</source>
        <translation>이 모델의 입력은 이미지가 아닙니다. 그리거나 열 것은 없고, 데이터의 샘플로만 예측합니다.</translation>
    </message>
    <message>
        <source>Drawing is for models of one grey channel; this one reads colour images: open one.</source>
        <translation>그리기는 회색 채널 하나인 모델용입니다. 이 모델은 컬러 이미지를 읽으니 이미지를 여세요.</translation>
    </message>
    <message>
        <source>Draw with the mouse; the model predicts after each stroke</source>
        <translation>마우스로 그리세요. 한 획을 그을 때마다 모델이 예측합니다</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>이미지 열기…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>The input as the model gets it</source>
        <translation>모델이 받는 그대로의 입력</translation>
    </message>
    <message>
        <source>Boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>내부</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>epoch %v</source>
        <translation>에포크 %v</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시정지</translation>
    </message>
    <message>
        <source>Choose a data set</source>
        <translation>데이터셋을 고르세요</translation>
    </message>
    <message>
        <source>The model is not valid yet</source>
        <translation>모델이 아직 올바르지 않습니다</translation>
    </message>
    <message>
        <source>Downloading {0}…</source>
        <translation>{0} 내려받는 중…</translation>
    </message>
    <message>
        <source>The download was cancelled; nothing was kept. Choose the data set again to download it.</source>
        <translation>내려받기를 취소했습니다. 아무것도 남기지 않았습니다. 내려받으려면 데이터셋을 다시 고르세요.</translation>
    </message>
    <message>
        <source>Download failed</source>
        <translation>내려받기 실패</translation>
    </message>
    <message>
        <source>✔ fits the model</source>
        <translation>✔ 모델에 맞습니다</translation>
    </message>
    <message>
        <source>✖ does not fit: {0}</source>
        <translation>✖ 모델에 맞지 않습니다: {0}</translation>
    </message>
    <message>
        <source>and {0} more</source>
        <translation>외 {0}개</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>데이터 없음</translation>
    </message>
    <message>
        <source>Reading {0}…</source>
        <translation>{0} 읽는 중…</translation>
    </message>
    <message>
        <source>Reading {0}: {1} of {2} images…</source>
        <translation>{0} 읽는 중: 이미지 {2}장 중 {1}장…</translation>
    </message>
    <message>
        <source>Reading {0}; training starts once it is read…</source>
        <translation>{0} 읽는 중입니다. 다 읽으면 학습을 시작합니다…</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>학습 중…</translation>
    </message>
    <message>
        <source>Preparing the engine for this machine (once for this model)…</source>
        <translation>이 컴퓨터에 맞게 엔진을 준비하는 중입니다(이 모델은 처음 한 번만)…</translation>
    </message>
    <message>
        <source>preparing the engine for this machine: {0} of {1} kernels</source>
        <translation>이 컴퓨터에 맞게 엔진 준비 중: 커널 {1}개 중 {0}개</translation>
    </message>
    <message>
        <source>Pausing…</source>
        <translation>일시정지하는 중…</translation>
    </message>
    <message>
        <source>Paused; the weights so far are in the model</source>
        <translation>일시정지됨. 지금까지의 가중치가 모델에 들어 있습니다</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>정지하는 중…</translation>
    </message>
    <message>
        <source>Trained {0} epochs in {1} s</source>
        <translation>{0} 에포크를 {1}초 동안 학습했습니다</translation>
    </message>
    <message>
        <source>Trained {0} epoch in {1} s</source>
        <translation>{0} 에포크를 {1}초 동안 학습했습니다</translation>
    </message>
    <message>
        <source>Stopped after {0} epochs</source>
        <translation>{0} 에포크 후 정지했습니다</translation>
    </message>
    <message>
        <source>Stopped after {0} epoch</source>
        <translation>{0} 에포크 후 정지했습니다</translation>
    </message>
    <message>
        <source>epoch {0}</source>
        <translation>에포크 {0}</translation>
    </message>
    <message>
        <source>the start of the run</source>
        <translation>학습 시작 시점</translation>
    </message>
    <message>
        <source>Training diverged: {0}. It was stopped and the weights of the last good epoch ({1}) were restored. Try a lower learning rate, e.g. {2}.</source>
        <translation>학습이 발산했습니다: {0}. 학습을 멈추고 마지막 정상 에포크({1})의 가중치로 되돌렸습니다. 더 낮은 학습률(예: {2})을 시도해 보세요.</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>학습 실패: {0}</translation>
    </message>
    <message>
        <source>The model changed during training; the trained weights were not applied</source>
        <translation>학습 중에 모델이 바뀌어 학습된 가중치를 적용하지 않았습니다</translation>
    </message>
    <message>
        <source>Weights reset</source>
        <translation>가중치를 초기화했습니다</translation>
    </message>
    <message>
        <source>{0} samples/s · ETA {1} s</source>
        <translation>초당 {0}개 샘플 · 남은 시간 {1}초</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>이미지 열기</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.gif)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.bmp *.gif)</translation>
    </message>
    <message>
        <source>Sample {0} of {1}</source>
        <translation>{1}의 샘플 {0}</translation>
    </message>
    <message>
        <source>input {0} {1}: {2}</source>
        <translation>입력 {0} {1}: {2}</translation>
    </message>
    <message>
        <source>input {0} {1}: [{2}]</source>
        <translation>입력 {0} {1}: [{2}]</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>그림</translation>
    </message>
    <message>
        <source>Inverted: dark ink on a light ground, made light on black as the data&apos;s images are</source>
        <translation>반전함: 밝은 바탕의 어두운 잉크를 데이터의 이미지처럼 검은 바탕의 밝은 잉크로 바꿨습니다</translation>
    </message>
    <message>
        <source>Image {0}</source>
        <translation>이미지 {0}</translation>
    </message>
    <message>
        <source>output {0}: [{1}]</source>
        <translation>출력 {0}: [{1}]</translation>
    </message>
    <message>
        <source>predicted class {0} ({1})</source>
        <translation>예측 클래스 {0} ({1})</translation>
    </message>
    <message>
        <source>true: {0}</source>
        <translation>정답: {0}</translation>
    </message>
    <message>
        <source>epoch</source>
        <extracomment>Most points a series keeps; beyond it, each point stands for the mean of twice as many (found by the soak test: an unbounded batch history grew memory by ~9 MB a minute and made every redraw of a long run slower).</extracomment>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>batch (smoothed)</source>
        <translation>배치 (평활화)</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 스케일</translation>
    </message>
    <message>
        <source>Show the loss on a logarithmic axis</source>
        <translation>손실을 로그 축으로 표시합니다</translation>
    </message>
    <message>
        <source>auto (from the data)</source>
        <translation>자동 (데이터에 따라)</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>파일 선택…</translation>
    </message>
    <message>
        <source>Choose a folder of images…</source>
        <translation>이미지 폴더 선택…</translation>
    </message>
    <message>
        <source>Data (*.npz *.npy *.csv *idx3*)</source>
        <extracomment>The role of the data box&apos;s last two items that says which dialog they open (&quot;folder&quot; or &quot;file&quot;). The data file dialog&apos;s filters, marked for lupdate; translated at use, context &quot;Training&quot;.</extracomment>
        <translation>데이터 (*.npz *.npy *.csv *idx3*)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <source>A built-in data set; MNIST, Fashion-MNIST or CIFAR-10 (downloaded once, as Keras does); a .npz, .npy, .csv or MNIST IDX file; or a folder of images with one subfolder per class</source>
        <translation>내장 데이터 세트, MNIST·Fashion-MNIST·CIFAR-10(Keras처럼 한 번 내려받음), .npz·.npy·.csv·MNIST IDX 파일, 또는 클래스마다 하위 폴더가 하나씩 있는 이미지 폴더</translation>
    </message>
    <message>
        <source>The feature columns; a text column becomes one-hot columns, one per value</source>
        <translation>특성 열. 텍스트 열은 값마다 하나씩 원-핫 열이 됩니다</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>목표</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>특성</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Train on the first samples of the data only, as model.fit(x_train[:1000], ...) does; a validation split is taken from them</source>
        <translation>데이터의 처음 샘플로만 학습합니다. model.fit(x_train[:1000], ...)과 같습니다. 검증 분할은 이 샘플에서 떼어 냅니다</translation>
    </message>
    <message>
        <source>Targets are the inputs</source>
        <translation>타깃은 입력</translation>
    </message>
    <message>
        <source>Each output learns to give back the model&apos;s input, as an autoencoder&apos;s fit(x, x) does; the output must have the input&apos;s shape</source>
        <translation>각 출력이 모델의 입력을 그대로 돌려주도록 학습합니다. 오토인코더의 fit(x, x)와 같습니다. 출력은 입력과 모양이 같아야 합니다</translation>
    </message>
    <message>
        <source>The optimizer&apos;s step size; Keras&apos;s default for the optimizer until changed</source>
        <translation>옵티마이저의 스텝 크기. 바꾸기 전까지는 해당 옵티마이저의 Keras 기본값입니다</translation>
    </message>
    <message>
        <source>First samples</source>
        <translation>처음 샘플 수</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>검증 비율</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>This output&apos;s weight in the total loss (Keras&apos;s loss_weights); its own loss is reported unweighted</source>
        <translation>전체 손실에서 이 출력이 차지하는 가중치(Keras의 loss_weights)입니다. 이 출력 자체의 손실은 가중치 없이 표시됩니다</translation>
    </message>
    <message>
        <source>{0} (text: one-hot, {1} values)</source>
        <translation>{0} (텍스트: 원-핫, 값 {1}개)</translation>
    </message>
    <message>
        <source>A folder of images, one subfolder per class</source>
        <translation>이미지 폴더(클래스마다 하위 폴더 하나)</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>학습 데이터</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <extracomment>Class colours (Tableau 10), used by the boundary, the scatter and the tiles. In a preview cell: the token ids shown of a sequence whose ids have no text, the numbers shown of other arrays. Samples the Data tab shows of image data.</extracomment>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>predicted {0}, true {1}</source>
        <extracomment>The narrowest a tile gets before the grid takes a column fewer (a caption such as &quot;5 ≠ 6&quot; stays whole).</extracomment>
        <translation>예측 {0}, 정답 {1}</translation>
    </message>
    <message>
        <source>Rows: true class; columns: predicted class</source>
        <translation>행: 실제 클래스, 열: 예측 클래스</translation>
    </message>
    <message>
        <source>predicted: {0}</source>
        <translation>예측: {0}</translation>
    </message>
    <message>
        <source>Weights of {0}</source>
        <translation>{0}의 가중치</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>커널</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>histogram of kernel and bias values</source>
        <translation>커널과 편향 값의 히스토그램</translation>
    </message>
    <message>
        <source>{0} has no weights yet (they are drawn when training starts)</source>
        <translation>{0}에는 아직 가중치가 없습니다 (학습을 시작할 때 만들어집니다)</translation>
    </message>
    <message>
        <source>kernel {0}: mean {1}, std {2}, |max| {3}</source>
        <translation>커널 {0}: 평균 {1}, 표준편차 {2}, |최댓값| {3}</translation>
    </message>
    <message>
        <source>; bias mean {0}</source>
        <translation>; 편향 평균 {0}</translation>
    </message>
    <message>
        <source>Downloading {0}</source>
        <extracomment>Milliseconds between two progress updates of the dialog. Steps of the dialog&apos;s bar.</extracomment>
        <translation>{0} 내려받기</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{1} 중 {0}</translation>
    </message>
    <message>
        <source>{0} ({1} of {2})</source>
        <translation>{0} ({2}개 중 {1}번째)</translation>
    </message>
    <message>
        <source>{0}
from {1}
{2}</source>
        <translation>{0}
{1}에서
{2}</translation>
    </message>
</context>
<context>
    <name>Warmup</name>
    <message>
        <source>Preparing the training engine for this computer (once)… {0} of {1}</source>
        <translation>이 컴퓨터에 맞게 학습 엔진을 준비하는 중(한 번만)… {1}개 중 {0}개</translation>
    </message>
    <message>
        <source>The training engine is ready</source>
        <translation>학습 엔진이 준비되었습니다</translation>
    </message>
</context>
</TS>
